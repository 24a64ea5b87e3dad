import type { JobStatus } from '@multibase/api-contracts'

import { ConflictError, NotFoundError } from '../database/errors'
import type { ProjectRef } from '../platform/connections'
import { findJobRecord, requestJobCancel, type JobRecord } from '../platform/jobs'
import { getJobQueue } from './queue'
import { finishJob } from './run'

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null)

async function requireJob(project: ProjectRef, id: string): Promise<JobRecord> {
  const record = await findJobRecord(project.id, id)
  if (!record) throw new NotFoundError(`Job "${id}" not found`, 'JOB_NOT_FOUND')
  return record
}

/**
 * A job's state, progress and result as platform.jobs holds them (the same on every instance). A
 * job cancelled while it runs reads `cancelled` at once; its `result` follows when its worker
 * stopped at the end of its batch.
 */
export async function getJobStatus(project: ProjectRef, id: string): Promise<JobStatus> {
  const record = await requireJob(project, id)
  const error = record.result?.error
  return {
    id: record.id,
    kind: record.kind,
    state: record.state,
    progress: record.progress,
    result: record.result,
    error: record.state === 'failed' ? (typeof error === 'string' ? error : 'The job failed') : null,
    createdAt: iso(record.created_at) as string,
    startedAt: iso(record.started_at),
    completedAt: iso(record.finished_at),
    updatedAt: iso(record.updated_at) as string,
  }
}

/**
 * Cancels a job. One nobody started yet ends here and now (and pg-boss no longer delivers it); a
 * running one is marked, and its worker — on whichever instance — stops within one batch and records
 * its final figures in `result`. A job whose worker is gone is ended by the instance that takes it over.
 */
export async function cancelJob(project: ProjectRef, id: string): Promise<JobStatus> {
  const record = await requireJob(project, id)
  const endedNow = record.state === 'created' && (await finishJob(record.id, null, record.progress, { state: 'cancelled' }))
  if (endedNow) await getJobQueue().cancel(record.kind, id)
  else if (!(await requestJobCancel(project.id, id))) {
    const current = await requireJob(project, id)
    throw new ConflictError(`Job "${id}" already ended (${current.state})`, 'JOB_ALREADY_ENDED')
  }
  return getJobStatus(project, id)
}
