import type { SyncJobEventType, SyncJobState } from '@multibase/api-contracts'

import { getPlatformDatabase, type Queryable } from './database'

/** A `platform.sync_jobs` row: a saved sync definition, its state and its resume point across runs. */
export interface SyncJobRecord {
  id: string
  project_id: string
  name: string
  direction: string
  source_connection_id: string
  target_connection_id: string
  definition: Record<string, unknown>
  state: SyncJobState
  run_job_id: string | null
  checkpoint: Record<string, unknown> | null
  progress: Record<string, unknown>
  error: string | null
  created_by: string | null
  created_at: Date
  updated_at: Date
}

export interface SyncJobEventRecord {
  id: string
  sync_job_id: string
  type: SyncJobEventType
  data: Record<string, unknown>
  created_at: Date
}

export async function insertSyncJob(job: {
  id: string
  projectId: string
  name: string
  direction: string
  sourceConnectionId: string
  targetConnectionId: string
  definition: Record<string, unknown>
  createdBy: string | null
}): Promise<SyncJobRecord> {
  const db = await getPlatformDatabase()
  const rows = await db.query<SyncJobRecord>(
    `INSERT INTO platform.sync_jobs (id, project_id, name, direction, source_connection_id, target_connection_id, definition, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [job.id, job.projectId, job.name, job.direction, job.sourceConnectionId, job.targetConnectionId, job.definition, job.createdBy]
  )
  return rows[0]
}

export async function listSyncJobs(projectId: string): Promise<SyncJobRecord[]> {
  const db = await getPlatformDatabase()
  return db.query<SyncJobRecord>('SELECT * FROM platform.sync_jobs WHERE project_id = $1 ORDER BY created_at DESC LIMIT 500', [projectId])
}

/** The sync job of this project with this id; another project's is reported as missing. */
export async function findSyncJob(projectId: string, id: string, db?: Queryable): Promise<SyncJobRecord | undefined> {
  const rows = await (db ?? (await getPlatformDatabase())).query<SyncJobRecord>(
    'SELECT * FROM platform.sync_jobs WHERE id = $1 AND project_id = $2',
    [id, projectId]
  )
  return rows[0]
}

/** Replaces a definition unless a run holds it (the WHERE re-checks the state the caller saw). */
export async function updateSyncJobDefinition(
  projectId: string,
  id: string,
  job: { name: string; direction: string; sourceConnectionId: string; targetConnectionId: string; definition: Record<string, unknown> }
): Promise<SyncJobRecord | undefined> {
  const db = await getPlatformDatabase()
  const rows = await db.query<SyncJobRecord>(
    `UPDATE platform.sync_jobs
        SET name = $3, direction = $4, source_connection_id = $5, target_connection_id = $6, definition = $7,
            checkpoint = NULL, progress = '{}'::jsonb, error = NULL, state = 'idle', updated_at = now()
      WHERE id = $1 AND project_id = $2 AND state NOT IN ('running', 'pausing', 'stopping') RETURNING *`,
    [id, projectId, job.name, job.direction, job.sourceConnectionId, job.targetConnectionId, job.definition]
  )
  return rows[0]
}

export async function deleteSyncJob(projectId: string, id: string): Promise<boolean> {
  const db = await getPlatformDatabase()
  const rows = await db.query(
    `DELETE FROM platform.sync_jobs WHERE id = $1 AND project_id = $2 AND state NOT IN ('running', 'pausing', 'stopping') RETURNING id`,
    [id, projectId]
  )
  return rows.length > 0
}

/** Moves a sync job from one of `from` to `to`; returns the row when this call made the move. */
export async function transitionSyncJob(
  db: Queryable,
  id: string,
  from: readonly SyncJobState[],
  to: SyncJobState,
  extra: { runJobId?: string; error?: string | null; resetCheckpoint?: boolean } = {}
): Promise<SyncJobRecord | undefined> {
  const rows = await db.query<SyncJobRecord>(
    `UPDATE platform.sync_jobs
        SET state = $3, run_job_id = coalesce($4, run_job_id), error = CASE WHEN $5::boolean THEN $6 ELSE error END,
            checkpoint = CASE WHEN $7::boolean THEN NULL ELSE checkpoint END, updated_at = now()
      WHERE id = $1 AND state = ANY($2) RETURNING *`,
    [id, from, to, extra.runJobId ?? null, extra.error !== undefined, extra.error ?? null, extra.resetCheckpoint === true]
  )
  return rows[0]
}

/**
 * Saves a run's resume point and progress, only while `workerId` still holds run `runJobId`: a
 * worker that lost its job to a takeover must not move the checkpoint its successor continues from.
 * The job row is locked for the check, so a concurrent claim waits for (and then follows) this write.
 */
export async function saveSyncCheckpoint(
  syncJobId: string,
  runJobId: string,
  workerId: string,
  saved: { checkpoint: Record<string, unknown>; progress: Record<string, unknown> }
): Promise<boolean> {
  const db = await getPlatformDatabase()
  return db.transaction(async (tx) => {
    const held = await tx.query('SELECT 1 FROM platform.jobs WHERE id = $1 AND worker_id = $2 AND result IS NULL FOR UPDATE', [runJobId, workerId])
    if (held.length === 0) return false
    await tx.query(`UPDATE platform.sync_jobs SET checkpoint = $3, progress = $4, updated_at = now() WHERE id = $1 AND run_job_id = $2`, [
      syncJobId,
      runJobId,
      saved.checkpoint,
      saved.progress,
    ])
    return true
  })
}

/**
 * Appends an event under a per-job transaction lock, so a job's event ids are handed out in commit
 * order: a stream reading `id > last` never passes over an event whose lower id commits later.
 */
export async function appendSyncEvent(db: Queryable, syncJobId: string, type: SyncJobEventType, data: Record<string, unknown>): Promise<void> {
  await db.query(
    `WITH held AS (SELECT pg_advisory_xact_lock(hashtext('sync_job_events:' || $1::uuid::text)))
     INSERT INTO platform.sync_job_events (sync_job_id, type, data) SELECT $1::uuid, $2::text, $3::jsonb FROM held`,
    [syncJobId, type, data]
  )
}

/** Events after `afterId` in id order (bigserial ids are the SSE event ids). */
export async function listSyncEvents(syncJobId: string, afterId: string, limit = 500): Promise<SyncJobEventRecord[]> {
  const db = await getPlatformDatabase()
  return db.query<SyncJobEventRecord>(
    // Ordered by the bigint id (the text alias would sort "10" before "9").
    'SELECT e.id::text AS id, e.sync_job_id, e.type, e.data, e.created_at FROM platform.sync_job_events e WHERE e.sync_job_id = $1 AND e.id > $2 ORDER BY e.id LIMIT $3',
    [syncJobId, afterId, limit]
  )
}

/** The sync job a platform job runs, with its project (for the worker, which has only the run). */
export async function findSyncJobForRun(syncJobId: string): Promise<SyncJobRecord | undefined> {
  const db = await getPlatformDatabase()
  const rows = await db.query<SyncJobRecord>('SELECT * FROM platform.sync_jobs WHERE id = $1', [syncJobId])
  return rows[0]
}
