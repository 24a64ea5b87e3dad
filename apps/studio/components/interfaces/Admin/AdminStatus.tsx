import { Badge } from 'components/ui/Badge'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { Table, Td, Th, Tr } from 'components/ui/Table'
import { useAdminStatusQuery } from 'data/admin/admin-status-query'
import { formatWhen } from './format'

/** Platform database, queue, this instance's pools and every instance's heartbeat. */
export function AdminStatus() {
  const { data, error, isLoading } = useAdminStatusQuery()
  if (error) return <ErrorMessage error={error} title="Status could not be loaded" />
  if (isLoading || !data) return <Loading />
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap gap-3 text-xs">
        <Badge variant={data.status === 'ok' ? 'brand' : 'destructive'}>{data.status}</Badge>
        <span>
          Platform database: {data.platformDatabase.ok ? 'up' : 'down'} ({data.platformDatabase.embedded ? 'embedded' : 'postgres'}
          {data.platformDatabase.latencyMs !== null ? `, ${data.platformDatabase.latencyMs} ms` : ''})
        </span>
        <span>
          Queue: {data.queue.ok ? 'up' : 'down'} —{' '}
          {Object.entries(data.queue.jobs)
            .map(([state, count]) => `${count} ${state}`)
            .join(', ') || 'no jobs'}
        </span>
      </div>
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-medium">Instances</h2>
        <Table aria-label="Instances">
          <thead>
            <Tr className="hover:bg-transparent">
              <Th>Instance</Th>
              <Th>Host</Th>
              <Th>PID</Th>
              <Th>Version</Th>
              <Th>Started</Th>
              <Th>Heartbeat</Th>
              <Th>State</Th>
            </Tr>
          </thead>
          <tbody>
            {data.instances.map((instance) => (
              <Tr key={instance.id}>
                <Td className="font-mono text-xxs">
                  {instance.id}
                  {instance.current && ' (this one)'}
                </Td>
                <Td>{instance.host}</Td>
                <Td className="tabular-nums">{instance.pid}</Td>
                <Td>{instance.version}</Td>
                <Td className="whitespace-nowrap">{formatWhen(instance.startedAt)}</Td>
                <Td className="whitespace-nowrap">{formatWhen(instance.heartbeatAt)}</Td>
                <Td>
                  <Badge variant={instance.alive ? 'brand' : 'destructive'}>{instance.alive ? 'alive' : 'silent'}</Badge>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-medium">Pools on this instance</h2>
        {data.pools.length === 0 ? (
          <p className="text-xs text-foreground-muted">No open pools.</p>
        ) : (
          <Table aria-label="Pools">
            <thead>
              <Tr className="hover:bg-transparent">
                <Th>Pool</Th>
                <Th>Engine</Th>
                <Th className="text-right">Size</Th>
                <Th className="text-right">Available</Th>
                <Th className="text-right">Borrowed</Th>
                <Th className="text-right">Waiting</Th>
              </Tr>
            </thead>
            <tbody>
              {data.pools.map((pool) => (
                <Tr key={pool.key}>
                  <Td className="font-mono text-xxs">{pool.key}</Td>
                  <Td>{pool.type}</Td>
                  <Td className="text-right tabular-nums">{pool.size}</Td>
                  <Td className="text-right tabular-nums">{pool.available}</Td>
                  <Td className="text-right tabular-nums">{pool.borrowed}</Td>
                  <Td className="text-right tabular-nums">{pool.pending}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  )
}
