import clsx from 'clsx'
import { useId, useRef, type FormEvent, type ReactNode, type RefObject } from 'react'

import { Overlay } from './Overlay'
import { PanelHeader } from './PanelHeader'

export interface SidePanelProps {
  open: boolean
  onClose: () => void
  title: string
  description?: ReactNode
  children: ReactNode
  /** Buttons, pinned to the bottom of the panel. */
  footer?: ReactNode
  /** Makes the panel a <form>; the footer's `type="submit"` button submits it. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void
  size?: 'medium' | 'large' | 'xlarge'
}

const widths = { medium: 'max-w-md', large: 'max-w-xl', xlarge: 'max-w-3xl' }

/** A panel sliding in from the right, Supabase-style, for creating and editing records. */
export function SidePanel({ open, onClose, title, description, children, footer, onSubmit, size = 'medium' }: SidePanelProps) {
  const panelRef = useRef<HTMLElement>(null)
  const titleId = useId()
  const content = (
    <>
      <PanelHeader as="header" titleId={titleId} title={title} description={description} onClose={onClose} />
      <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-5 py-4">{children}</div>
      {footer && <footer className="flex justify-end gap-2 border-t border-border bg-surface-raised/40 px-5 py-3">{footer}</footer>}
    </>
  )
  const panelClass = clsx(
    'absolute inset-y-0 right-0 flex w-full flex-col border-l border-border-strong bg-surface-overlay shadow-2xl',
    widths[size]
  )
  return (
    <Overlay open={open} onClose={onClose} panelRef={panelRef}>
      {onSubmit ? (
        <form
          ref={panelRef as RefObject<HTMLFormElement>}
          role="dialog"
          aria-modal="true"
          aria-labelledby={titleId}
          tabIndex={-1}
          noValidate
          className={panelClass}
          onSubmit={(event) => {
            event.preventDefault()
            onSubmit(event)
          }}
        >
          {content}
        </form>
      ) : (
        <aside ref={panelRef} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} className={panelClass}>
          {content}
        </aside>
      )}
    </Overlay>
  )
}
