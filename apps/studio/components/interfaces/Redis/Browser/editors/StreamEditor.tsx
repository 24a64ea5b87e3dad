import { Table, Td, Th, Tr } from 'components/ui/Table'
import { formatCount } from '../key-names'
import { StreamEntryForm } from './StreamEntryForm'
import type { ValueEditorProps } from './types'
import { ValueTable } from './ValueTable'

/** Entries (append-only: added and deleted, never changed in place) and the stream's consumer groups. */
export function StreamEditor({ value, canWrite, edit }: ValueEditorProps<'stream'>) {
  return (
    <>
      {canWrite && <StreamEntryForm onAdd={(fields) => edit({ action: 'xadd', entries: [{ id: '*', fields }] })} />}
      <ValueTable
        columns={[{ label: 'Entry id', className: 'w-48' }, { label: 'Fields' }]}
        rows={value.entries.map((entry) => ({
          id: entry.id,
          label: `entry ${entry.id}`,
          cells: [entry.id, entry.fields.map(([field, text]) => `${field}=${text}`).join('  ')],
        }))}
        canWrite={canWrite}
        onDelete={(row) => edit({ action: 'xdel', ids: [row.id] })}
      />
      <section aria-label="Consumer groups" className="flex flex-col gap-2">
        <h3 className="text-xs font-medium text-foreground-light">Consumer groups</h3>
        <Table>
          <thead>
            <Tr>
              <Th>Group</Th>
              <Th>Consumers</Th>
              <Th>Pending</Th>
              <Th>Last delivered</Th>
              <Th>Lag</Th>
            </Tr>
          </thead>
          <tbody>
            {value.groups.length === 0 && (
              <Tr>
                <Td colSpan={5} className="text-center text-foreground-muted">
                  No consumer groups.
                </Td>
              </Tr>
            )}
            {value.groups.map((group) => (
              <Tr key={group.name}>
                <Td className="font-mono">{group.name}</Td>
                <Td>{formatCount(group.consumers)}</Td>
                <Td>{formatCount(group.pending)}</Td>
                <Td className="font-mono">{group.lastDeliveredId}</Td>
                <Td>{group.lag === null ? '—' : formatCount(group.lag)}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </section>
    </>
  )
}
