import type { ConnectionTestResult } from '@multibase/api-contracts'
import { CheckCircle2, Loader2, TriangleAlert, XCircle } from 'lucide-react'

import { ResponseError } from 'data/fetchers'

export type TestOutcome =
  | { state: 'pending' }
  | { state: 'ok'; result: ConnectionTestResult }
  | { state: 'error'; error: unknown }

/** One line: the latency and server version of a passed test, or why it failed. */
export function ConnectionTestOutcome({ outcome }: { outcome: TestOutcome | undefined }) {
  if (!outcome) return <span className="text-foreground-muted">—</span>
  if (outcome.state === 'pending') {
    return (
      <span className="inline-flex items-center gap-1.5 text-foreground-muted">
        <Loader2 className="h-3 w-3 animate-spin" aria-hidden /> Testing…
      </span>
    )
  }
  if (outcome.state === 'ok') {
    const readOnlyLogin = outcome.result.readOnlyLogin
    return (
      <span className="inline-flex flex-col gap-0.5">
        <span data-testid="connection-test-result" className="inline-flex items-center gap-1.5 text-brand">
          <CheckCircle2 className="h-3.5 w-3.5" aria-hidden />
          <span>
            {outcome.result.latencyMs} ms · v{outcome.result.serverVersion}
          </span>
        </span>
        {readOnlyLogin && (
          <span
            data-testid="read-only-login-result"
            className={`inline-flex max-w-xs items-start gap-1.5 text-xs ${readOnlyLogin.readOnly ? 'text-foreground-light' : 'text-destructive'}`}
          >
            {readOnlyLogin.readOnly ? (
              <>read-only login {readOnlyLogin.username}: reads only</>
            ) : (
              <>
                <TriangleAlert className="mt-px h-3.5 w-3.5 shrink-0" aria-hidden />
                <span className="break-words">
                  read-only login {readOnlyLogin.username} can do more than read: {readOnlyLogin.holds.map((held) => held.name).join(', ')}
                </span>
              </>
            )}
          </span>
        )}
      </span>
    )
  }
  const error = outcome.error
  return (
    <span data-testid="connection-test-result" className="inline-flex max-w-xs items-start gap-1.5 text-destructive" title={error instanceof ResponseError && error.requestId ? `request ${error.requestId}` : undefined}>
      <XCircle className="mt-px h-3.5 w-3.5 shrink-0" aria-hidden />
      <span className="break-words">
        {error instanceof ResponseError ? `${error.code}: ${error.message}` : String(error)}
      </span>
    </span>
  )
}
