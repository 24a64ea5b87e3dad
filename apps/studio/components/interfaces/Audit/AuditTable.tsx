import type { AuditEntry } from '@multibase/api-contracts'

import { Badge, type BadgeVariant } from 'components/ui/Badge'
import { Table, Td, Th, Tr } from 'components/ui/Table'

const KIND_BADGE: Record<AuditEntry['kind'], BadgeVariant> = { data: 'default', admin: 'brand', security: 'destructive' }

/** The email, else the start of the user id (the whole id is the cell's tooltip). */
function actorOf(entry: AuditEntry): string {
  const who = entry.userEmail ?? (entry.userId ? `${entry.userId.slice(0, 8)}…` : 'anonymous')
  return entry.tokenKind ? `${who} (${entry.tokenKind})` : who
}

/** One page of audit rows, newest first. */
export function AuditTable({ items }: { items: AuditEntry[] }) {
  return (
    <Table aria-label="Audit log">
      <thead>
        <Tr>
          <Th>Time</Th>
          <Th>Kind</Th>
          <Th>Action</Th>
          <Th>Engine</Th>
          <Th>Status</Th>
          <Th>Code</Th>
          <Th>Actor</Th>
          <Th>IP</Th>
        </Tr>
      </thead>
      <tbody>
        {items.map((entry) => (
          <Tr key={entry.id} data-request-id={entry.requestId}>
            <Td className="whitespace-nowrap font-mono text-xxs">{new Date(entry.createdAt).toLocaleString()}</Td>
            <Td>
              <Badge variant={KIND_BADGE[entry.kind]}>{entry.kind}</Badge>
            </Td>
            <Td className="font-mono text-xxs" title={entry.target ?? undefined}>
              {entry.action}
            </Td>
            <Td>{entry.engine ?? '—'}</Td>
            <Td>{entry.status}</Td>
            <Td className="font-mono text-xxs">{entry.code ?? '—'}</Td>
            <Td className="max-w-[12rem] truncate" title={entry.userId ?? undefined}>
              {actorOf(entry)}
            </Td>
            <Td className="font-mono text-xxs">{entry.ip ?? '—'}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}
