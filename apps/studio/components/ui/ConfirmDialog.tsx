import { useState, type ReactNode } from 'react'

import { Button } from './Button'
import { Dialog } from './Dialog'
import { ErrorMessage } from './ErrorMessage'
import { Input } from './Input'

export interface ConfirmDialogProps {
  open: boolean
  onClose: () => void
  title: string
  description: ReactNode
  confirmLabel: string
  /** Awaited; a thrown error is shown in the dialog and the dialog stays open. */
  onConfirm: () => Promise<void>
  variant?: 'danger' | 'primary'
  /** When set, the user must type this text before confirming (for destructive operations). */
  confirmText?: string
}

/** "Are you sure?" with the consequence spelled out; the confirm button waits for the operation. */
export function ConfirmDialog({ open, onClose, title, description, confirmLabel, onConfirm, variant = 'danger', confirmText }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [typed, setTyped] = useState('')

  const close = () => {
    if (busy) return
    setError(undefined)
    setTyped('')
    onClose()
  }

  const confirm = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await onConfirm()
      setTyped('')
      onClose()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      size="small"
      onSubmit={() => void confirm()}
      footer={
        <>
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant={variant} loading={busy} disabled={confirmText !== undefined && typed !== confirmText}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="text-xs leading-relaxed text-foreground-light">{description}</div>
      {confirmText !== undefined && (
        <label className="flex flex-col gap-1.5 text-xs text-foreground-light">
          <span>
            Type <span className="font-mono text-foreground">{confirmText}</span> to confirm
          </span>
          <Input value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
        </label>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
    </Dialog>
  )
}
