import type { Connection, DatabaseType } from '@multibase/api-contracts'
import { HeartPulse } from 'lucide-react'
import { useRouter } from 'next/router'

import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { toastError } from 'components/ui/toast'
import { useConnectionKeepAliveMutation } from 'data/connections/connection-keep-alive-mutation'

/** Free-tier databases pause when idle; five minutes keeps the usual ones awake. */
const DEFAULT_INTERVAL_SECONDS = 300

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })
}

/** A connection's keep-alive: its last success or error, and (for admins) the switch. */
export function KeepAliveCell({ type, connection, canManage }: { type: DatabaseType; connection: Connection; canManage: boolean }) {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  const { trigger, isMutating } = useConnectionKeepAliveMutation()
  const keepAlive = connection.keepAlive
  const enabled = keepAlive?.enabled ?? false
  const failedLast =
    keepAlive?.lastErrorAt && (!keepAlive.lastSuccessAt || keepAlive.lastErrorAt > keepAlive.lastSuccessAt)

  const toggle = () =>
    void trigger({
      ref,
      type,
      id: connection.id,
      enabled: !enabled,
      intervalSeconds: keepAlive?.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS,
    }).catch((error) => toastError(error, 'Keep-alive could not be changed'))

  return (
    <div className="flex items-center gap-2 whitespace-nowrap" data-keep-alive={enabled ? 'on' : 'off'}>
      {enabled ? (
        <>
          <Badge variant={failedLast ? 'destructive' : 'brand'} title={failedLast ? (keepAlive?.lastError ?? undefined) : undefined}>
            every {keepAlive?.intervalSeconds}s
          </Badge>
          <span className="text-foreground-muted">
            {failedLast && keepAlive?.lastErrorAt
              ? `failed ${formatTime(keepAlive.lastErrorAt)}`
              : keepAlive?.lastSuccessAt
                ? `ok ${formatTime(keepAlive.lastSuccessAt)}`
                : 'pending'}
          </span>
        </>
      ) : (
        <span className="text-foreground-muted">off</span>
      )}
      {canManage && (
        <Button size="tiny" variant="ghost" icon={HeartPulse} loading={isMutating} onClick={toggle} aria-label={`${enabled ? 'Disable' : 'Enable'} keep-alive for ${connection.identifier}`}>
          {enabled ? 'Disable' : 'Enable'}
        </Button>
      )}
    </div>
  )
}
