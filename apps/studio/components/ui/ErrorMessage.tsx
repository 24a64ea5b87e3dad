import { AlertCircle } from 'lucide-react'

import { ResponseError } from 'data/fetchers'

/** An API error shown inline: message, code and request id (what support needs to find the log line). */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const responseError = error instanceof ResponseError ? error : undefined
  const message = error instanceof Error ? error.message : String(error)
  return (
    <div role="alert" className="flex gap-2 rounded-md border border-destructive/40 bg-destructive-faint px-3 py-2 text-xs">
      <AlertCircle className="mt-px h-3.5 w-3.5 shrink-0 text-destructive" aria-hidden />
      <div className="flex min-w-0 flex-col gap-0.5">
        {title && <p className="font-medium text-foreground">{title}</p>}
        <p className="break-words text-foreground">{message}</p>
        {responseError && (
          <p className="font-mono text-xxs text-foreground-muted">
            {responseError.code}
            {responseError.requestId ? ` · request ${responseError.requestId}` : ''}
          </p>
        )}
      </div>
    </div>
  )
}
