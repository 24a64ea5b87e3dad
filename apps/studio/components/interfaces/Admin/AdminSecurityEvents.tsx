import { Download } from 'lucide-react'
import { useState } from 'react'

import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { Table, Td, Th, Tr } from 'components/ui/Table'
import { toastError } from 'components/ui/toast'
import { useAdminSecurityEventsQuery } from 'data/admin/admin-security-events-query'
import { downloadSecurityEvents } from 'data/admin/security-events-export'
import { formatWhen } from './format'

function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = fileName
  anchor.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Denials of every project (and of paths naming none), newest first, with CSV/NDJSON export. */
export function AdminSecurityEvents() {
  const { data, error, isLoading } = useAdminSecurityEventsQuery()
  const [exporting, setExporting] = useState<'csv' | 'ndjson' | null>(null)
  const exportAs = async (format: 'csv' | 'ndjson') => {
    setExporting(format)
    try {
      saveBlob(await downloadSecurityEvents(format), `security-events.${format}`)
    } catch (raw) {
      toastError(raw, 'The export failed')
    } finally {
      setExporting(null)
    }
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="flex gap-2">
        <Button size="tiny" icon={Download} loading={exporting === 'csv'} onClick={() => void exportAs('csv')}>
          Export CSV
        </Button>
        <Button size="tiny" icon={Download} loading={exporting === 'ndjson'} onClick={() => void exportAs('ndjson')}>
          Export NDJSON
        </Button>
      </div>
      {error ? (
        <ErrorMessage error={error} title="Security events could not be loaded" />
      ) : isLoading || !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <EmptyState title="No security events" />
      ) : (
        <Table aria-label="Security events">
          <thead>
            <Tr className="hover:bg-transparent">
              <Th>When</Th>
              <Th>Code</Th>
              <Th>Status</Th>
              <Th>Project</Th>
              <Th>Action</Th>
              <Th>User</Th>
              <Th>IP</Th>
            </Tr>
          </thead>
          <tbody>
            {data.items.map((event) => (
              <Tr key={event.id}>
                <Td className="whitespace-nowrap">{formatWhen(event.createdAt)}</Td>
                <Td>
                  <Badge variant={event.status >= 500 ? 'destructive' : 'warning'}>{event.code ?? '—'}</Badge>
                </Td>
                <Td className="tabular-nums">{event.status}</Td>
                <Td className="font-mono">{event.projectRef ?? '—'}</Td>
                <Td className="max-w-xs truncate font-mono text-xxs" title={event.action}>
                  {event.action}
                </Td>
                <Td className="font-mono text-xxs">{event.userEmail ?? event.userId ?? 'anonymous'}</Td>
                <Td className="font-mono text-xxs">{event.ip ?? '—'}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  )
}
