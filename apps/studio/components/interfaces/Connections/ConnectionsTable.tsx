import type { Connection, DatabaseType } from '@multibase/api-contracts'
import { Pencil, PlugZap, Trash2 } from 'lucide-react'

import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { Table, Td, Th, Tr } from 'components/ui/Table'
import { ConnectionStatusBadge } from './ConnectionStatusBadge'
import { ConnectionTestOutcome, type TestOutcome } from './ConnectionTestOutcome'
import { describeOptions } from './engines'
import { KeepAliveCell } from './KeepAliveCell'

export interface ConnectionsTableProps {
  type: DatabaseType
  connections: Connection[]
  testOutcomes: Record<string, TestOutcome>
  /** Absent when the member's role may not manage connections: no action column then. */
  actions?: {
    onTest: (connection: Connection) => void
    onEdit: (connection: Connection) => void
    onDelete: (connection: Connection) => void
  }
}

function formatChecked(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })
}

export function ConnectionsTable({ type, connections, testOutcomes, actions }: ConnectionsTableProps) {
  return (
    <Table aria-label="Connections">
      <thead>
        <Tr className="hover:bg-transparent">
          <Th>Name</Th>
          <Th>Address</Th>
          <Th>{type === 'redis' ? 'Database' : 'Options'}</Th>
          <Th>User</Th>
          <Th>Password</Th>
          <Th>Status</Th>
          <Th>Last test</Th>
          <Th>Keep-alive</Th>
          {actions && <Th className="text-right">Actions</Th>}
        </Tr>
      </thead>
      <tbody>
        {connections.map((connection) => {
          const outcome = testOutcomes[connection.id]
          return (
            <Tr key={connection.id} data-connection-id={connection.id}>
              <Td>
                <div className="flex items-center gap-2 whitespace-nowrap">
                  <span className="font-medium">{connection.identifier}</span>
                  {connection.isPrimary && <Badge variant="brand">primary</Badge>}
                </div>
              </Td>
              <Td className="font-mono">
                {connection.host}:{connection.port}
              </Td>
              <Td className="font-mono text-foreground-light">{describeOptions(type, connection.options)}</Td>
              <Td className="text-foreground-light">{connection.username ?? '—'}</Td>
              <Td>{connection.hasPassword ? <Badge>set</Badge> : <span className="text-foreground-muted">none</span>}</Td>
              <Td>
                <ConnectionStatusBadge status={connection.status} />
              </Td>
              <Td className="whitespace-nowrap">
                {outcome || !connection.lastCheckedAt ? (
                  <ConnectionTestOutcome outcome={outcome} />
                ) : (
                  <span className="text-foreground-muted">checked {formatChecked(connection.lastCheckedAt)}</span>
                )}
              </Td>
              <Td>
                <KeepAliveCell type={type} connection={connection} canManage={Boolean(actions)} />
              </Td>
              {actions && (
                <Td>
                  <div className="flex justify-end gap-1">
                    <Button size="tiny" icon={PlugZap} onClick={() => actions.onTest(connection)} disabled={outcome?.state === 'pending'}>
                      Test
                    </Button>
                    <Button size="tiny" icon={Pencil} onClick={() => actions.onEdit(connection)} aria-label={`Edit ${connection.identifier}`}>
                      Edit
                    </Button>
                    <Button size="tiny" variant="danger" icon={Trash2} onClick={() => actions.onDelete(connection)} aria-label={`Delete ${connection.identifier}`}>
                      Delete
                    </Button>
                  </div>
                </Td>
              )}
            </Tr>
          )
        })}
      </tbody>
    </Table>
  )
}
