import type { Backup } from '@multibase/api-contracts'
import { Archive } from 'lucide-react'
import { useMemo, useState } from 'react'

import { Button } from 'components/ui/Button'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useBackupsQuery } from 'data/backups/backups-query'
import { useConnectionsQuery } from 'data/connections/connections-query'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { BackupsTable } from './BackupsTable'
import { CreateBackupDialog } from './CreateBackupDialog'
import { RestoreDialog } from './RestoreDialog'

/** Backups of every engine of the project: list, create, download, verify, restore. */
export function BackupsPage({ projectRef }: { projectRef: string }) {
  const { data, error, isLoading } = useBackupsQuery({ ref: projectRef })
  const { can } = useProjectPermissions(projectRef)
  const postgres = useConnectionsQuery({ ref: projectRef, type: 'postgres' }).data
  const redis = useConnectionsQuery({ ref: projectRef, type: 'redis' }).data
  const mongodb = useConnectionsQuery({ ref: projectRef, type: 'mongodb' }).data
  const connectionNames = useMemo(
    () => Object.fromEntries([...(postgres ?? []), ...(redis ?? []), ...(mongodb ?? [])].map((connection) => [connection.id, connection.identifier])),
    [postgres, redis, mongodb]
  )
  const [creating, setCreating] = useState(false)
  const [restoring, setRestoring] = useState<Backup | null>(null)

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">
        {can('write') && (
          <Button variant="primary" icon={Archive} onClick={() => setCreating(true)}>
            Create backup
          </Button>
        )}
      </div>
      {isLoading && <Loading />}
      {error && <ErrorMessage error={error} />}
      {data && data.backups.length === 0 && <EmptyState icon={Archive} title="No backups yet" description="Back up a PostgreSQL, Redis or MongoDB connection of this project." />}
      {data && data.backups.length > 0 && (
        <BackupsTable
          projectRef={projectRef}
          backups={data.backups}
          connectionNames={connectionNames}
          can={{ download: can('write'), restore: can('admin') }}
          onRestore={setRestoring}
        />
      )}
      <CreateBackupDialog projectRef={projectRef} open={creating} onClose={() => setCreating(false)} />
      {restoring && <RestoreDialog projectRef={projectRef} backup={restoring} onClose={() => setRestoring(null)} />}
    </div>
  )
}
