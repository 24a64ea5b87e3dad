import type { SyncProgress } from '@multibase/api-contracts'
import { RefreshCw } from 'lucide-react'
import Link from 'next/link'

import { Badge } from 'components/ui/Badge'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useSyncJobsQuery } from 'data/sync/sync-jobs-query'
import { DIRECTION_LABEL, percentOf, STATE_BADGE } from './sync-labels'

/** The project's sync jobs with their live state and overall progress. */
export function SyncJobsList({ projectRef }: { projectRef: string }) {
  const { data, error, isLoading } = useSyncJobsQuery({ ref: projectRef })
  if (isLoading) return <Loading />
  if (error) return <ErrorMessage error={error} title="Sync jobs could not be loaded" />
  if (!data?.length) return <EmptyState icon={RefreshCw} title="No sync jobs yet" description="Copy tables, collections or keys between two connections of this project." />
  return (
    <table className="w-full text-sm" data-testid="sync-jobs">
      <thead className="text-left text-xs text-foreground-light">
        <tr>
          <th className="py-2">Name</th>
          <th>Direction</th>
          <th>Mode</th>
          <th>State</th>
          <th>Progress</th>
        </tr>
      </thead>
      <tbody>
        {data.map((job) => {
          const progress = job.progress as Partial<SyncProgress>
          const percent = percentOf(progress.done ?? 0, progress.total)
          return (
            <tr key={job.id} className="border-t border-border">
              <td className="py-2">
                <Link className="text-brand hover:underline" href={`/project/${encodeURIComponent(projectRef)}/sync/${job.id}`}>
                  {job.name}
                </Link>
              </td>
              <td>{DIRECTION_LABEL[job.direction]}</td>
              <td>{job.mode}</td>
              <td>
                <Badge variant={STATE_BADGE[job.state]}>{job.state}</Badge>
              </td>
              <td className="tabular-nums">{progress.done !== undefined ? `${progress.done.toLocaleString()}${percent !== null ? ` (${percent}%)` : ''}` : '—'}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
