import { FINAL_JOB_STATES, jobStateSchema, type JobState, type JobStatus } from '@multibase/api-contracts'

import { ConflictError, NotFoundError } from '../database/errors'
import type { ProjectRef } from '../platform/connections'
import { findJobRecord, type JobRecord } from '../platform/jobs'
import { getJobQueue } from './queue'

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null)

async function requireJob(project: ProjectRef, id: string): Promise<JobRecord> {
  const record = await findJobRecord(project.id, id)
  if (!record) throw new NotFoundError(`Job "${id}" not found`, 'JOB_NOT_FOUND')
  return record
}

/** Failure text without pg-boss's serialized stack: our own result first, else the queue's message. */
function errorOf(record: JobRecord, output: unknown): string | null {
  if (typeof record.result?.error === 'string') return record.result.error
  const value = output as { message?: unknown; value?: { message?: unknown } } | null
  const message = value?.message ?? value?.value?.message
  return typeof message === 'string' ? message : 'The job failed'
}

/** A job's state (from pg-boss) with the progress and result its worker stored. */
export async function getJobStatus(project: ProjectRef, id: string): Promise<JobStatus> {
  const record = await requireJob(project, id)
  const job = await getJobQueue().getJobById(record.kind, id, { includeArchive: true })
  // The worker stores its result just before pg-boss marks the job done, and pg-boss deletes old jobs
  // after its retention: in both cases the stored result is what tells how the job ended.
  const recordedState = jobStateSchema.safeParse(record.result?.state)
  const queueState = job?.state as JobState | undefined
  const state: JobState =
    queueState && queueState !== 'active' ? queueState : recordedState.success ? recordedState.data : (queueState ?? 'failed')
  return {
    id: record.id,
    kind: record.kind,
    state,
    progress: record.progress,
    result: record.result,
    error: state === 'failed' ? errorOf(record, job?.output) : null,
    createdAt: iso(record.created_at) as string,
    startedAt: iso(job?.startedOn),
    completedAt: iso(job?.completedOn ?? (record.result ? record.updated_at : null)),
    updatedAt: iso(record.updated_at) as string,
  }
}

/**
 * Cancels a job in pg-boss; its worker (on whichever instance runs it) sees the state at its next
 * checkpoint and stops within one batch. The worker's final figures arrive in `result`.
 */
export async function cancelJob(project: ProjectRef, id: string): Promise<JobStatus> {
  const before = await getJobStatus(project, id)
  if (FINAL_JOB_STATES.includes(before.state)) {
    throw new ConflictError(`Job "${id}" already ended (${before.state})`, 'JOB_ALREADY_ENDED')
  }
  await getJobQueue().cancel(before.kind, id)
  return getJobStatus(project, id)
}
