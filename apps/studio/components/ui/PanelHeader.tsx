import { X } from 'lucide-react'
import type { ReactNode } from 'react'

/** Title, description and close button at the top of a Dialog or a SidePanel. */
export function PanelHeader({
  as: Element = 'div',
  titleId,
  title,
  description,
  onClose,
}: {
  as?: 'div' | 'header'
  titleId: string
  title: string
  description?: ReactNode
  onClose: () => void
}) {
  return (
    <Element className="flex items-start justify-between gap-4 border-b border-border px-5 py-3">
      <div className="flex flex-col gap-0.5">
        <h2 id={titleId} className="text-sm font-medium text-foreground">
          {title}
        </h2>
        {description && <p className="text-xs text-foreground-muted">{description}</p>}
      </div>
      <button type="button" onClick={onClose} aria-label="Close" className="rounded p-1 text-foreground-muted hover:bg-surface-raised hover:text-foreground">
        <X className="h-4 w-4" aria-hidden />
      </button>
    </Element>
  )
}
