import type { Connection, DatabaseType } from '@multibase/api-contracts'
import { PlugZap, Settings } from 'lucide-react'
import Link from 'next/link'
import { useEffect, useState, type ReactNode } from 'react'

import { ConnectionStatusBadge } from 'components/interfaces/Connections/ConnectionStatusBadge'
import { ConnectionTestOutcome, type TestOutcome } from 'components/interfaces/Connections/ConnectionTestOutcome'
import { connectionsSettingsHref, describeOptions, ENGINE_LABELS } from 'components/interfaces/Connections/engines'
import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { useConnectionTestMutation } from 'data/connections/connection-test-mutation'

/**
 * The selected connection at a glance, tested through the Studio on open (for members who may test;
 * others see the last recorded status).
 */
export function EngineConnectionCard({
  projectRef,
  type,
  connection,
  canTest,
}: {
  projectRef: string
  type: DatabaseType
  connection: Connection
  canTest: boolean
}) {
  const { trigger } = useConnectionTestMutation()
  const [outcome, setOutcome] = useState<TestOutcome>()

  const runTest = async () => {
    setOutcome({ state: 'pending' })
    try {
      setOutcome({ state: 'ok', result: await trigger({ ref: projectRef, type, id: connection.id }) })
    } catch (error) {
      setOutcome({ state: 'error', error })
    }
  }

  useEffect(() => {
    setOutcome(undefined)
    if (canTest) void runTest()
    // Test again only when another connection is selected.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [connection.id, canTest])

  const rows: Array<[string, ReactNode]> = [
    ['Address', <span className="font-mono">{`${connection.host}:${connection.port}`}</span>],
    [type === 'redis' ? 'Database' : 'Options', <span className="font-mono">{describeOptions(type, connection.options)}</span>],
    ['User', connection.username ?? '—'],
    ['Password', connection.hasPassword ? 'set' : 'none'],
    ['Status', <ConnectionStatusBadge status={connection.status} />],
    ['Server', <ConnectionTestOutcome outcome={outcome} />],
  ]

  return (
    <section aria-label={`Selected ${ENGINE_LABELS[type]} connection`} className="rounded-md border border-border bg-surface">
      <header className="flex items-center justify-between gap-3 border-b border-border px-4 py-3">
        <div className="flex items-center gap-2">
          <h2 className="text-sm font-medium">{connection.identifier}</h2>
          {connection.isPrimary && <Badge variant="brand">primary</Badge>}
        </div>
        <div className="flex gap-2">
          {canTest && (
            <Button size="tiny" icon={PlugZap} onClick={() => void runTest()} loading={outcome?.state === 'pending'}>
              Test again
            </Button>
          )}
          <Link
            href={connectionsSettingsHref(projectRef, type)}
            className="inline-flex h-6 items-center gap-1 rounded-md border border-border-strong bg-surface-raised px-2 text-xs hover:bg-border"
          >
            <Settings className="h-3.5 w-3.5" aria-hidden /> Connection settings
          </Link>
        </div>
      </header>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 px-4 py-3 text-xs">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-foreground-muted">{term}</dt>
            <dd className="min-w-0 text-foreground">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
