import type { Connection } from '@multibase/api-contracts'
import { PlugZap, Settings } from 'lucide-react'
import Link from 'next/link'
import { useEffect, useState } from 'react'

import { ConnectionStatusBadge } from 'components/interfaces/Connections/ConnectionStatusBadge'
import { ConnectionTestOutcome, type TestOutcome } from 'components/interfaces/Connections/ConnectionTestOutcome'
import { connectionsSettingsHref, describeOptions } from 'components/interfaces/Connections/engines'
import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { useConnectionTestMutation } from 'data/connections/connection-test-mutation'

/**
 * The Redis connection the page works on, in one line: name, address, database, and (for members who
 * may test) a test through the Studio when it is opened.
 */
export function RedisConnectionBar({ projectRef, connection, canTest }: { projectRef: string; connection: Connection; canTest: boolean }) {
  const { trigger } = useConnectionTestMutation()
  const [outcome, setOutcome] = useState<TestOutcome>()

  const runTest = async () => {
    setOutcome({ state: 'pending' })
    try {
      setOutcome({ state: 'ok', result: await trigger({ ref: projectRef, type: 'redis', id: connection.id }) })
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

  return (
    <section aria-label="Selected Redis connection" className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-border bg-surface px-4 py-2 text-xs">
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-medium">{connection.identifier}</h2>
        {connection.isPrimary && <Badge variant="brand">primary</Badge>}
      </div>
      <span className="font-mono text-foreground-light">
        {connection.host}:{connection.port} · {describeOptions('redis', connection.options)}
      </span>
      {canTest ? <ConnectionTestOutcome outcome={outcome} /> : <ConnectionStatusBadge status={connection.status} />}
      <div className="ml-auto flex gap-2">
        {canTest && (
          <Button size="tiny" icon={PlugZap} onClick={() => void runTest()} loading={outcome?.state === 'pending'}>
            Test again
          </Button>
        )}
        <Link
          href={connectionsSettingsHref(projectRef, 'redis')}
          className="inline-flex h-6 items-center gap-1 rounded-md border border-border-strong bg-surface-raised px-2 text-xs hover:bg-border"
        >
          <Settings className="h-3.5 w-3.5" aria-hidden /> Connection settings
        </Link>
      </div>
    </section>
  )
}
