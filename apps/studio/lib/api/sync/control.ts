import { randomUUID } from 'node:crypto'

import type { SyncJob, SyncJobBody, SyncJobState } from '@multibase/api-contracts'

import { ConflictError, NotFoundError } from '../database/errors'
import { enqueueJob } from '../jobs/enqueue'
import { cancelJob } from '../jobs/status'
import type { ProjectRef } from '../platform/connections'
import { getPlatformDatabase } from '../platform/database'
import { findJobRecord } from '../platform/jobs'
import {
  deleteSyncJob,
  findSyncJob,
  insertSyncJob,
  listSyncJobs,
  transitionSyncJob,
  updateSyncJobDefinition,
  type SyncJobRecord,
} from '../platform/sync-jobs'
import { resolveSyncDefinition, toSyncJob } from './definitions'
import { recordSyncEvent } from './events'
import { syncJob } from './sync-job'

const ACTIVE: readonly SyncJobState[] = ['running', 'pausing', 'stopping']
const STARTABLE: readonly SyncJobState[] = ['idle', 'paused', 'stopped', 'failed', 'completed']

async function requireSyncJob(project: ProjectRef, id: string): Promise<SyncJobRecord> {
  const record = await findSyncJob(project.id, id)
  if (!record) throw new NotFoundError(`Sync job "${id}" not found`, 'SYNC_JOB_NOT_FOUND')
  return reconcile(record)
}

/**
 * A sync whose run ended without saying how (its job was cancelled before a worker took it, or ended
 * by the job base after too many lost workers) is brought in line with its run when read.
 */
async function reconcile(record: SyncJobRecord): Promise<SyncJobRecord> {
  if (!ACTIVE.includes(record.state) || !record.run_job_id) return record
  const run = await findJobRecord(record.project_id, record.run_job_id)
  if (!run || run.result === null) return record
  const next: SyncJobState =
    record.state === 'pausing' ? 'paused' : record.state === 'stopping' ? 'stopped' : run.state === 'completed' ? 'completed' : run.state === 'cancelled' ? 'stopped' : 'failed'
  const error = next === 'failed' ? String(run.result.error ?? 'The run ended without finishing') : undefined
  const db = await getPlatformDatabase()
  const moved = await db.transaction(async (tx) => {
    const row = await transitionSyncJob(tx, record.id, [record.state], next, error ? { error } : {})
    if (row) await recordSyncEvent(record.id, 'state', { state: next, ...(error ? { error } : {}) }, tx)
    return row
  })
  return moved ?? (await findSyncJob(record.project_id, record.id)) ?? record
}

export async function listProjectSyncJobs(project: ProjectRef): Promise<{ jobs: SyncJob[] }> {
  const records = await listSyncJobs(project.id)
  return { jobs: (await Promise.all(records.map(reconcile))).map(toSyncJob) }
}

export async function getSyncJob(project: ProjectRef, id: string): Promise<SyncJob> {
  return toSyncJob(await requireSyncJob(project, id))
}

export async function createSyncJob(project: ProjectRef, userId: string | null, body: SyncJobBody): Promise<SyncJob> {
  const definition = await resolveSyncDefinition(project, body)
  const record = await insertSyncJob({
    id: randomUUID(),
    projectId: project.id,
    name: body.name,
    direction: body.direction,
    sourceConnectionId: definition.sourceConnectionId,
    targetConnectionId: definition.targetConnectionId,
    definition: { ...definition },
    createdBy: userId,
  })
  return toSyncJob(record)
}

/** Replaces a definition (its progress and resume point start over); refused while a run holds it. */
export async function updateSyncJob(project: ProjectRef, id: string, body: SyncJobBody): Promise<SyncJob> {
  await requireSyncJob(project, id)
  const definition = await resolveSyncDefinition(project, body)
  const record = await updateSyncJobDefinition(project.id, id, {
    name: body.name,
    direction: body.direction,
    sourceConnectionId: definition.sourceConnectionId,
    targetConnectionId: definition.targetConnectionId,
    definition: { ...definition },
  })
  if (!record) throw new ConflictError(`Sync job "${id}" is running; pause or stop it first`, 'SYNC_JOB_RUNNING')
  return toSyncJob(record)
}

export async function removeSyncJob(project: ProjectRef, id: string): Promise<void> {
  await requireSyncJob(project, id)
  if (!(await deleteSyncJob(project.id, id))) throw new ConflictError(`Sync job "${id}" is running; pause or stop it first`, 'SYNC_JOB_RUNNING')
}

/**
 * Starts a run, or resumes one: a paused, stopped or failed sync continues from its checkpoint, a
 * completed one copies again from the start. The state change, the run's job row and its queue entry
 * commit together, so a concurrent start or pause sees either all of them or none.
 */
export async function startSyncJob(project: ProjectRef, id: string, input: { userId: string | null; requestId: string }): Promise<SyncJob> {
  const record = await requireSyncJob(project, id)
  if (!STARTABLE.includes(record.state)) throw new ConflictError(`Sync job "${id}" is already ${record.state}`, 'SYNC_JOB_RUNNING')
  const fresh = record.state === 'completed'
  await enqueueJob(
    syncJob,
    { project, userId: input.userId, requestId: input.requestId, payload: { syncJobId: id }, progress: {} },
    async (tx, runJobId) => {
      const moved = await transitionSyncJob(tx, id, STARTABLE, 'running', { runJobId, error: null, resetCheckpoint: fresh })
      if (!moved) throw new ConflictError(`Sync job "${id}" is already running`, 'SYNC_JOB_RUNNING')
      if (fresh) await tx.query(`UPDATE platform.sync_jobs SET progress = '{}'::jsonb WHERE id = $1`, [id])
      await recordSyncEvent(id, 'state', { state: 'queued', runJobId, resumed: !fresh && record.checkpoint !== null }, tx)
    }
  )
  return getSyncJob(project, id)
}

/**
 * Pause and stop both end the run at its next batch boundary with the checkpoint saved; `start`
 * continues from there either way. They differ in what the user meant, which the state keeps.
 */
async function haltSyncJob(project: ProjectRef, id: string, via: 'pausing' | 'stopping'): Promise<SyncJob> {
  const record = await requireSyncJob(project, id)
  const db = await getPlatformDatabase()
  const moved = await db.transaction(async (tx) => {
    const row = await transitionSyncJob(tx, id, ['running'], via)
    if (row) await recordSyncEvent(id, 'state', { state: via }, tx)
    return row
  })
  if (!moved) throw new ConflictError(`Sync job "${id}" is not running (${record.state})`, 'SYNC_JOB_NOT_RUNNING')
  if (moved.run_job_id) {
    // The run's worker, on whichever instance, notices the cancel at its next checkpoint and records the pause.
    await cancelJob(project, moved.run_job_id).catch((error) => {
      if (!(error instanceof ConflictError)) throw error
    })
  }
  return getSyncJob(project, id)
}

export const pauseSyncJob = (project: ProjectRef, id: string) => haltSyncJob(project, id, 'pausing')
export const stopSyncJob = (project: ProjectRef, id: string) => haltSyncJob(project, id, 'stopping')
