import clsx from 'clsx'
import { useId, useRef, type FormEvent, type ReactNode } from 'react'

import { Overlay } from './Overlay'
import { PanelHeader } from './PanelHeader'

export interface DialogProps {
  open: boolean
  onClose: () => void
  title: string
  description?: ReactNode
  children?: ReactNode
  /** Buttons, right-aligned at the bottom. */
  footer?: ReactNode
  /** Makes the body a <form>; the footer's `type="submit"` button submits it. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void
  size?: 'small' | 'medium' | 'large'
}

const widths = { small: 'max-w-sm', medium: 'max-w-lg', large: 'max-w-2xl' }

/** A centred modal. For editing a record use SidePanel; for "are you sure" use ConfirmDialog. */
export function Dialog({ open, onClose, title, description, children, footer, onSubmit, size = 'medium' }: DialogProps) {
  const panelRef = useRef<HTMLDivElement>(null)
  const titleId = useId()
  const body = (
    <>
      <PanelHeader titleId={titleId} title={title} description={description} onClose={onClose} />
      {children && <div className="flex flex-col gap-4 px-5 py-4">{children}</div>}
      {footer && <div className="flex justify-end gap-2 border-t border-border bg-surface-raised/40 px-5 py-3">{footer}</div>}
    </>
  )
  return (
    <Overlay open={open} onClose={onClose} panelRef={panelRef}>
      <div className="pointer-events-none absolute inset-0 flex items-start justify-center overflow-y-auto p-4 pt-[12vh]">
        <div
          ref={panelRef}
          role="dialog"
          aria-modal="true"
          aria-labelledby={titleId}
          tabIndex={-1}
          className={clsx('pointer-events-auto w-full rounded-lg border border-border-strong bg-surface-overlay shadow-xl', widths[size])}
        >
          {onSubmit ? (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault()
                onSubmit(event)
              }}
            >
              {body}
            </form>
          ) : (
            body
          )}
        </div>
      </div>
    </Overlay>
  )
}
