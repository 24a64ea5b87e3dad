import { toast } from 'sonner'

import { ResponseError } from 'data/fetchers'

/** A failed call as a toast: the message, and the code and request id underneath. */
export function toastError(error: unknown, title?: string) {
  const message = error instanceof Error ? error.message : String(error)
  const meta = error instanceof ResponseError ? [error.code, error.requestId && `request ${error.requestId}`].filter(Boolean).join(' · ') : undefined
  toast.error(title ?? message, { description: title ? [message, meta].filter(Boolean).join(' — ') : meta })
}

export { toast }
