import clsx from 'clsx'

import { formatTtl } from './key-names'

const TYPE_COLOURS: Record<string, string> = {
  string: 'text-sky-600 dark:text-sky-400 border-sky-500/40',
  hash: 'text-violet-600 dark:text-violet-400 border-violet-500/40',
  list: 'text-amber-600 dark:text-amber-400 border-amber-500/40',
  set: 'text-emerald-600 dark:text-emerald-400 border-emerald-500/40',
  zset: 'text-rose-600 dark:text-rose-400 border-rose-500/40',
  stream: 'text-cyan-600 dark:text-cyan-400 border-cyan-500/40',
  json: 'text-orange-600 dark:text-orange-400 border-orange-500/40',
}

/** The Redis type, one colour per type so a list can be read at a glance. */
export function KeyTypeBadge({ type, className }: { type: string; className?: string }) {
  return (
    <span
      data-testid="key-type"
      className={clsx(
        'inline-flex w-12 shrink-0 justify-center rounded border bg-surface px-1 py-px font-mono text-xxs uppercase',
        TYPE_COLOURS[type] ?? 'border-border-strong text-foreground-light',
        className
      )}
    >
      {type}
    </span>
  )
}

export function KeyTtlBadge({ ttl }: { ttl: number | null }) {
  if (ttl === null) return null
  return (
    <span data-testid="key-ttl" title={`Expires in ${ttl} s`} className="shrink-0 rounded bg-warning-faint px-1 py-px font-mono text-xxs text-warning">
      {formatTtl(ttl)}
    </span>
  )
}
