import type { RedisStatsResponse } from '@multibase/api-contracts'

import { Badge } from 'components/ui/Badge'
import { Table, Td, Th, Tr } from 'components/ui/Table'
import { formatDuration } from './format'

/** INFO keyspace per database, with the connection's own database marked. */
export function KeyspaceTable({ keyspace, connectionDb }: { keyspace: RedisStatsResponse['keyspace']; connectionDb: number }) {
  return (
    <section aria-label="Keyspace" className="flex flex-col gap-2">
      <h2 className="text-sm font-medium text-foreground">Keyspace</h2>
      <Table aria-label="Keyspace per database">
        <thead>
          <Tr>
            <Th>Database</Th>
            <Th className="text-right">Keys</Th>
            <Th className="text-right">With TTL</Th>
            <Th className="text-right">Average TTL</Th>
          </Tr>
        </thead>
        <tbody>
          {keyspace.length === 0 ? (
            <Tr>
              <Td colSpan={4} className="text-foreground-muted">
                Every database is empty.
              </Td>
            </Tr>
          ) : (
            keyspace.map((db) => (
              <Tr key={db.db} data-db={db.db}>
                <Td className="font-mono">
                  <span className="flex items-center gap-2">
                    {`db${db.db}`}
                    {db.db === connectionDb && <Badge variant="brand">this connection</Badge>}
                  </span>
                </Td>
                <Td className="text-right font-mono tabular-nums">{db.keys.toLocaleString('en-US')}</Td>
                <Td className="text-right font-mono tabular-nums">{db.expires.toLocaleString('en-US')}</Td>
                <Td className="text-right font-mono tabular-nums">{formatDuration(db.avgTtlMs)}</Td>
              </Tr>
            ))
          )}
        </tbody>
      </Table>
    </section>
  )
}
