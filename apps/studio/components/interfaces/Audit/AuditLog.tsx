import { ScrollText } from 'lucide-react'
import { useState } from 'react'

import { Button } from 'components/ui/Button'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { toastError } from 'components/ui/toast'
import { downloadAuditExport } from 'data/audit/audit-export'
import { useAuditLogQuery } from 'data/audit/audit-log-query'
import type { AuditFilterValues } from 'data/audit/keys'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { AuditFilters } from './AuditFilters'
import { AuditTable } from './AuditTable'

function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = fileName
  anchor.click()
  // The click has handed the blob to the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/**
 * The project's audit log for admins: filters, a paged table (keyset cursors; the stack of cursors
 * seen makes "Newer" go back) and the filtered export. Other roles are told why they see nothing;
 * the server refuses them anyway.
 */
export function AuditLog({ projectRef }: { projectRef: string }) {
  const { can, role, isLoading: roleLoading } = useProjectPermissions(projectRef)
  const [filter, setFilter] = useState<AuditFilterValues>({})
  const [cursors, setCursors] = useState<string[]>([])
  const [exporting, setExporting] = useState(false)
  const allowed = can('admin')
  const cursor = cursors[cursors.length - 1]
  const { data, error, isLoading } = useAuditLogQuery({ ref: allowed ? projectRef : undefined, filter, cursor })

  if (roleLoading) return <Loading label="Loading…" />
  if (!allowed) {
    return <EmptyState icon={ScrollText} title="Admins only" description={`Your role (${role ?? '…'}) cannot read the audit log; owners and admins can.`} />
  }

  const exportAs = async (format: 'csv' | 'ndjson') => {
    setExporting(true)
    try {
      const { blob, name } = await downloadAuditExport({ ref: projectRef, filter, format })
      saveBlob(blob, name)
    } catch (caught) {
      toastError(caught, 'The export failed')
    } finally {
      setExporting(false)
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <AuditFilters
        onApply={(next) => {
          setFilter(next)
          setCursors([])
        }}
      />
      <div className="flex items-center gap-2">
        <Button size="small" disabled={exporting} onClick={() => void exportAs('csv')}>
          Export CSV
        </Button>
        <Button size="small" disabled={exporting} onClick={() => void exportAs('ndjson')}>
          Export NDJSON
        </Button>
        <div className="ml-auto flex gap-2">
          <Button size="small" disabled={cursors.length === 0} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
            Newer
          </Button>
          <Button size="small" disabled={!data?.nextCursor} onClick={() => data?.nextCursor && setCursors((stack) => [...stack, data.nextCursor as string])}>
            Older
          </Button>
        </div>
      </div>
      {error ? (
        <ErrorMessage error={error} title="The audit log could not be read" />
      ) : isLoading || !data ? (
        <Loading label="Loading audit log…" />
      ) : data.items.length === 0 ? (
        <EmptyState icon={ScrollText} title="No audit rows" description="Nothing matches these filters." />
      ) : (
        <AuditTable items={data.items} />
      )}
    </div>
  )
}
