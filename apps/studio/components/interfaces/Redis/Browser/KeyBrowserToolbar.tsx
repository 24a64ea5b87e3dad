import type { RedisValueType } from '@multibase/api-contracts'
import { FolderTree, List, Plus, RefreshCw, Search, Trash2 } from 'lucide-react'
import { useEffect, useState } from 'react'
import clsx from 'clsx'

import { Button } from 'components/ui/Button'
import { Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'
import type { KeyListView } from './KeyList'

const TYPE_OPTIONS: Array<{ value: RedisValueType | ''; label: string }> = [
  { value: '', label: 'All types' },
  ...(['string', 'hash', 'list', 'set', 'zset', 'stream', 'json'] as const).map((type) => ({ value: type, label: type })),
]

/** Pattern and type filters, list/tree switch with its delimiter, and the keyspace-wide actions. */
export function KeyBrowserToolbar({
  pattern,
  onPatternChange,
  type,
  onTypeChange,
  view,
  onViewChange,
  delimiter,
  onDelimiterChange,
  onRefresh,
  canWrite,
  onAddKey,
  onBulkDelete,
}: {
  pattern: string
  onPatternChange: (pattern: string) => void
  type: RedisValueType | undefined
  onTypeChange: (type: RedisValueType | undefined) => void
  view: KeyListView
  onViewChange: (view: KeyListView) => void
  delimiter: string
  onDelimiterChange: (delimiter: string) => void
  onRefresh: () => void
  canWrite: boolean
  onAddKey: () => void
  onBulkDelete: () => void
}) {
  const [draft, setDraft] = useState(pattern)
  useEffect(() => setDraft(pattern), [pattern])

  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-border px-4 py-2">
      <form
        className="relative"
        role="search"
        onSubmit={(event) => {
          event.preventDefault()
          onPatternChange(draft.trim() || '*')
        }}
      >
        <Search className="pointer-events-none absolute left-2 top-1/2 h-3.5 w-3.5 -translate-y-1/2 text-foreground-muted" aria-hidden />
        <Input
          aria-label="Key pattern"
          title="SCAN pattern, applied on Enter: * any characters, ? one character, [abc] one of"
          placeholder="Pattern, e.g. user:*"
          className="h-7 w-64 pl-7 font-mono text-xs"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => draft.trim() !== pattern && onPatternChange(draft.trim() || '*')}
        />
      </form>
      <Select
        aria-label="Key type"
        className="w-32 [&_select]:h-7 [&_select]:text-xs"
        value={type ?? ''}
        onChange={(event) => onTypeChange((event.target.value || undefined) as RedisValueType | undefined)}
        options={TYPE_OPTIONS}
      />
      <div role="group" aria-label="Key view" className="flex overflow-hidden rounded-md border border-border-strong">
        {(
          [
            { value: 'list', label: 'List view', icon: List },
            { value: 'tree', label: 'Tree view', icon: FolderTree },
          ] as const
        ).map((option) => (
          <button
            key={option.value}
            type="button"
            aria-label={option.label}
            aria-pressed={view === option.value}
            title={option.label}
            onClick={() => onViewChange(option.value)}
            className={clsx('flex h-7 w-8 items-center justify-center', view === option.value ? 'bg-surface-raised text-foreground' : 'text-foreground-muted hover:text-foreground')}
          >
            <option.icon className="h-3.5 w-3.5" aria-hidden />
          </button>
        ))}
      </div>
      {view === 'tree' && (
        <label className="flex items-center gap-1.5 text-xs text-foreground-light">
          Delimiter
          <span className="w-12">
            <Input aria-label="Delimiter" className="h-7 text-center font-mono text-xs" value={delimiter} maxLength={4} onChange={(event) => onDelimiterChange(event.target.value)} />
          </span>
        </label>
      )}
      <Button size="small" variant="ghost" icon={RefreshCw} onClick={onRefresh} aria-label="Refresh keys" title="Scan again from the start" />
      {!canWrite && <p className="ml-auto text-xs text-foreground-muted">Your role can view keys and values, not change them.</p>}
      {canWrite && (
        <div className="ml-auto flex gap-2">
          <Button size="small" variant="danger" icon={Trash2} onClick={onBulkDelete}>
            Bulk delete
          </Button>
          <Button size="small" variant="primary" icon={Plus} onClick={onAddKey}>
            Add key
          </Button>
        </div>
      )}
    </div>
  )
}
