import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'

/** What an empty list or page shows: what is missing and the action that fills it. */
export function EmptyState({ icon: Icon, title, description, action }: { icon?: LucideIcon; title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-3 rounded-md border border-dashed border-border-strong bg-surface px-6 py-12 text-center">
      {Icon && (
        <div className="rounded-md border border-border bg-surface-raised p-2">
          <Icon className="h-5 w-5 text-foreground-light" aria-hidden />
        </div>
      )}
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium text-foreground">{title}</p>
        {description && <p className="max-w-md text-xs text-foreground-muted">{description}</p>}
      </div>
      {action}
    </div>
  )
}
