import clsx from 'clsx'
import type { ReactNode } from 'react'

export type BadgeVariant = 'default' | 'brand' | 'warning' | 'destructive'

const variants: Record<BadgeVariant, string> = {
  default: 'bg-surface-raised text-foreground-light border-border-strong',
  brand: 'bg-brand-faint text-brand border-brand/40',
  warning: 'bg-warning-faint text-warning border-warning/40',
  destructive: 'bg-destructive-faint text-destructive border-destructive/40',
}

export function Badge({ variant = 'default', children, className, title }: { variant?: BadgeVariant; children: ReactNode; className?: string; title?: string }) {
  return (
    <span
      title={title}
      className={clsx('inline-flex items-center gap-1 rounded border px-1.5 py-px font-mono text-xxs uppercase tracking-wide', variants[variant], className)}
    >
      {children}
    </span>
  )
}
