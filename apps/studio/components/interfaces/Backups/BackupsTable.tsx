import type { Backup } from '@multibase/api-contracts'
import { useState } from 'react'

import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { ConfirmDialog } from 'components/ui/ConfirmDialog'
import { Table, Td, Th, Tr } from 'components/ui/Table'
import { toast, toastError } from 'components/ui/toast'
import { useBackupDeleteMutation } from 'data/backups/backup-delete-mutation'
import { downloadBackup } from 'data/backups/backup-download'
import { useBackupJobQuery } from 'data/backups/backup-job-query'
import { useBackupVerifyMutation } from 'data/backups/backup-verify-mutation'
import { ENGINE_LABELS, formatBytes } from './format'
import { JobProgress } from './JobProgress'

const statusVariant = { running: 'brand', succeeded: 'default', failed: 'destructive', cancelled: 'warning' } as const
const EXTENSIONS = { postgres: 'dump', redis: 'ndjson.gz', mongodb: 'tar.gz' } as const

function RunningProgress({ projectRef, backup }: { projectRef: string; backup: Backup }) {
  const { data } = useBackupJobQuery({ ref: projectRef, jobId: backup.jobId })
  return <JobProgress job={data} />
}

export interface BackupsTableProps {
  projectRef: string
  backups: Backup[]
  connectionNames: Record<string, string>
  can: { download: boolean; restore: boolean }
  onRestore: (backup: Backup) => void
}

/** The backups with status, size and live progress, and what the caller's role may do with each. */
export function BackupsTable({ projectRef, backups, connectionNames, can, onRestore }: BackupsTableProps) {
  const verify = useBackupVerifyMutation()
  const remove = useBackupDeleteMutation()
  const [deleting, setDeleting] = useState<Backup | null>(null)

  async function runVerify(backup: Backup) {
    try {
      const result = await verify.trigger({ ref: projectRef, id: backup.id })
      if (result.ok) toast.success('Checksum verified: the stored file is intact')
      else toast.error('Checksum mismatch: the stored file was changed or damaged')
    } catch (error) {
      toastError(error, 'Verify failed')
    }
  }

  return (
    <>
      <Table aria-label="Backups">
        <thead>
          <Tr>
            <Th>Created</Th>
            <Th>Engine</Th>
            <Th>Connection</Th>
            <Th>Contents</Th>
            <Th>Status</Th>
            <Th>Size</Th>
            <Th>Actions</Th>
          </Tr>
        </thead>
        <tbody>
          {backups.map((backup) => (
            <Tr key={backup.id} data-testid="backup-row">
              <Td className="whitespace-nowrap text-xs">{new Date(backup.createdAt).toLocaleString()}</Td>
              <Td>{ENGINE_LABELS[backup.engine]}</Td>
              <Td className="text-xs">{(backup.connectionId && connectionNames[backup.connectionId]) ?? '—'}</Td>
              <Td className="text-xs">{backup.kind}</Td>
              <Td>
                {backup.status === 'running' ? (
                  <RunningProgress projectRef={projectRef} backup={backup} />
                ) : (
                  <Badge variant={statusVariant[backup.status]} title={backup.error ?? undefined}>
                    {backup.status}
                  </Badge>
                )}
              </Td>
              <Td className="whitespace-nowrap text-xs">{formatBytes(backup.sizeBytes)}</Td>
              <Td>
                {backup.status === 'succeeded' && (
                  <div className="flex gap-1">
                    {can.download && (
                      <Button
                        size="tiny"
                        onClick={() =>
                          void downloadBackup({ ref: projectRef, id: backup.id, fileName: `backup-${backup.engine}-${backup.id}.${EXTENSIONS[backup.engine]}` }).catch((error) =>
                            toastError(error, 'Download failed')
                          )
                        }
                      >
                        Download
                      </Button>
                    )}
                    {can.download && (
                      <Button size="tiny" onClick={() => void runVerify(backup)}>
                        Verify
                      </Button>
                    )}
                    {can.restore && (
                      <Button size="tiny" onClick={() => onRestore(backup)}>
                        Restore
                      </Button>
                    )}
                    {can.restore && (
                      <Button size="tiny" variant="danger" onClick={() => setDeleting(backup)}>
                        Delete
                      </Button>
                    )}
                  </div>
                )}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      {deleting && (
        <ConfirmDialog
          open
          onClose={() => setDeleting(null)}
          title="Delete backup"
          description="The stored file is deleted; this backup can no longer be restored."
          confirmLabel="Delete"
          onConfirm={async () => {
            await remove.trigger({ ref: projectRef, id: deleting.id })
            setDeleting(null)
          }}
        />
      )}
    </>
  )
}
