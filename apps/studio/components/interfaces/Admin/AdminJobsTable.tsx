import type { AdminJob } from '@multibase/api-contracts'
import { Ban } from 'lucide-react'
import { useState } from 'react'

import { Badge, type BadgeVariant } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { Select } from 'components/ui/Select'
import { Table, Td, Th, Tr } from 'components/ui/Table'
import { useAdminJobCancelMutation } from 'data/admin/admin-job-cancel-mutation'
import { useAdminJobsQuery, type AdminJobsVariables } from 'data/admin/admin-jobs-query'
import { formatWhen } from './format'

const STATE_VARIANT: Record<AdminJob['state'], BadgeVariant> = {
  created: 'default',
  active: 'brand',
  completed: 'default',
  cancelled: 'warning',
  failed: 'destructive',
}

const STATE_OPTIONS = [
  { value: '', label: 'All states' },
  ...(['created', 'active', 'completed', 'cancelled', 'failed'] as const).map((state) => ({ value: state, label: state })),
]

/** Jobs of every kind across projects; unfinished ones can be cancelled from here. */
export function AdminJobsTable() {
  const [state, setState] = useState<AdminJobsVariables['state']>(undefined)
  const { data, error, isLoading } = useAdminJobsQuery({ state })
  const cancel = useAdminJobCancelMutation()
  return (
    <div className="flex flex-col gap-3">
      <div className="w-48">
        <Select
          aria-label="Job state"
          options={STATE_OPTIONS}
          value={state ?? ''}
          onChange={(event) => setState((event.target.value || undefined) as AdminJobsVariables['state'])}
        />
      </div>
      {cancel.error && <ErrorMessage error={cancel.error} title="The job could not be cancelled" />}
      {error ? (
        <ErrorMessage error={error} title="Jobs could not be loaded" />
      ) : isLoading || !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <EmptyState title="No jobs" />
      ) : (
        <Table aria-label="Jobs">
          <thead>
            <Tr className="hover:bg-transparent">
              <Th>Kind</Th>
              <Th>Project</Th>
              <Th>State</Th>
              <Th>Progress</Th>
              <Th>Created</Th>
              <Th>Finished</Th>
              <Th className="text-right">Actions</Th>
            </Tr>
          </thead>
          <tbody>
            {data.items.map((job) => (
              <Tr key={job.id} data-job-id={job.id}>
                <Td className="font-mono">{job.kind}</Td>
                <Td>{job.projectRef}</Td>
                <Td>
                  <Badge variant={STATE_VARIANT[job.state]} title={job.error ?? undefined}>
                    {job.state}
                  </Badge>
                </Td>
                <Td className="font-mono text-xxs text-foreground-light">{JSON.stringify(job.progress).slice(0, 80)}</Td>
                <Td className="whitespace-nowrap">{formatWhen(job.createdAt)}</Td>
                <Td className="whitespace-nowrap">{formatWhen(job.finishedAt)}</Td>
                <Td className="text-right">
                  {(job.state === 'created' || job.state === 'active') && (
                    <Button
                      size="tiny"
                      variant="danger"
                      icon={Ban}
                      disabled={cancel.isMutating}
                      onClick={() => void cancel.trigger({ id: job.id }).catch(() => undefined)}
                    >
                      Cancel
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  )
}
