import { getPlatformDatabase, type Queryable } from './database'

export type JobRowState = 'created' | 'active' | 'completed' | 'cancelled' | 'failed'

/**
 * A `platform.jobs` row: the project a job belongs to, its input, who runs it (worker id + heartbeat),
 * the worker's resume checkpoint, the progress it reported and, once it ended, its result.
 */
export interface JobRecord {
  id: string
  project_id: string
  kind: string
  created_by: string | null
  request_id: string
  state: JobRowState
  payload: unknown
  progress: Record<string, unknown>
  checkpoint: Record<string, unknown> | null
  result: Record<string, unknown> | null
  worker_id: string | null
  heartbeat_at: Date | null
  attempts: number
  created_at: Date
  started_at: Date | null
  finished_at: Date | null
  updated_at: Date
}

/** A job row as a worker receives it: with the organization its project belongs to. */
export type ClaimedJob = JobRecord & { organization_id: string }

const RETURNING_CLAIMED = `RETURNING *, (SELECT organization_id FROM platform.projects p WHERE p.id = project_id) AS organization_id`

export async function insertJobRecord(
  db: Queryable,
  job: {
    id: string
    projectId: string
    kind: string
    createdBy: string | null
    requestId: string
    payload: unknown
    progress: Record<string, unknown>
  }
): Promise<void> {
  await db.query(
    `INSERT INTO platform.jobs (id, project_id, kind, created_by, request_id, payload, progress)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [job.id, job.projectId, job.kind, job.createdBy, job.requestId, JSON.stringify(job.payload), job.progress]
  )
}

/** The job of this project with this id; another project's job is reported as missing. */
export async function findJobRecord(projectId: string, id: string): Promise<JobRecord | undefined> {
  const db = await getPlatformDatabase()
  const rows = await db.query<JobRecord>('SELECT * FROM platform.jobs WHERE id = $1 AND project_id = $2', [id, projectId])
  return rows[0]
}

/** Takes a freshly queued job for this worker; undefined when it was cancelled before it started. */
export async function claimNewJob(id: string, workerId: string): Promise<ClaimedJob | undefined> {
  const db = await getPlatformDatabase()
  const rows = await db.query<ClaimedJob>(
    `UPDATE platform.jobs
        SET state = 'active', worker_id = $2, heartbeat_at = now(), started_at = now(), attempts = attempts + 1, updated_at = now()
      WHERE id = $1 AND state = 'created' AND result IS NULL
     ${RETURNING_CLAIMED}`,
    [id, workerId]
  )
  return rows[0]
}

/**
 * Takes over one unfinished job whose worker is gone: handed back (no worker) or silent for longer
 * than `staleAfterMs` — or never started that long after it was queued (its delivery by pg-boss was
 * lost). One statement, and SKIP LOCKED plus the re-checked condition make two sweepers never claim
 * the same job; the clock is the database's, so instances' clocks need not agree.
 */
export async function claimStaleJob(workerId: string, staleAfterMs: number, kinds: string[]): Promise<ClaimedJob | undefined> {
  const db = await getPlatformDatabase()
  const stale = `result IS NULL AND kind = ANY($3) AND (
       (state IN ('active', 'cancelled') AND (worker_id IS NULL OR heartbeat_at < now() - $2 * interval '1 millisecond'))
       OR (state = 'created' AND created_at < now() - $2 * interval '1 millisecond'))`
  const rows = await db.query<ClaimedJob>(
    `UPDATE platform.jobs
        SET worker_id = $1, heartbeat_at = now(), attempts = attempts + 1, updated_at = now(),
            state = CASE WHEN state = 'created' THEN 'active' ELSE state END, started_at = coalesce(started_at, now())
      WHERE id = (SELECT id FROM platform.jobs WHERE ${stale} ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        AND ${stale}
     ${RETURNING_CLAIMED}`,
    [workerId, staleAfterMs, kinds]
  )
  return rows[0]
}

/**
 * Renews the worker's hold on a job (with its progress and resume checkpoint when given). Returns the
 * job's state, or undefined when this worker no longer holds it (another instance took it over).
 */
export async function renewJob(
  id: string,
  workerId: string,
  saved?: { progress: Record<string, unknown>; checkpoint: Record<string, unknown> }
): Promise<JobRowState | undefined> {
  const db = await getPlatformDatabase()
  const rows = saved
    ? await db.query<{ state: JobRowState }>(
        `UPDATE platform.jobs SET progress = $3, checkpoint = $4, heartbeat_at = now(), updated_at = now()
          WHERE id = $1 AND worker_id = $2 AND result IS NULL RETURNING state`,
        [id, workerId, saved.progress, saved.checkpoint]
      )
    : await db.query<{ state: JobRowState }>(
        `UPDATE platform.jobs SET heartbeat_at = now() WHERE id = $1 AND worker_id = $2 AND result IS NULL RETURNING state`,
        [id, workerId]
      )
  return rows[0]?.state
}

/** Gives a job back unfinished (its checkpoint saved): the next sweep on any instance resumes it. */
export async function handBackJob(id: string, workerId: string): Promise<void> {
  const db = await getPlatformDatabase()
  await db.query(
    `UPDATE platform.jobs SET worker_id = NULL, heartbeat_at = NULL, updated_at = now()
      WHERE id = $1 AND worker_id = $2 AND result IS NULL`,
    [id, workerId]
  )
}

/**
 * Ends a job with its result, only if `owner` still holds it (a worker id, or null for a job nobody
 * started yet). Returns whether this call ended it, so exactly one caller writes the audit row.
 */
export async function finishJobRecord(
  tx: Queryable,
  id: string,
  owner: string | null,
  end: { state: 'completed' | 'cancelled' | 'failed'; progress: Record<string, unknown>; result: Record<string, unknown> }
): Promise<JobRecord | undefined> {
  const rows = await tx.query<JobRecord>(
    `UPDATE platform.jobs
        SET state = $3, progress = $4, result = $5, finished_at = now(), worker_id = NULL, heartbeat_at = NULL, updated_at = now()
      WHERE id = $1 AND result IS NULL
        AND (worker_id = $2 OR ($2::text IS NULL AND worker_id IS NULL AND state = 'created'))
      RETURNING *`,
    [id, owner, end.state, end.progress, end.result]
  )
  return rows[0]
}

/** Asks a running job to stop: its worker sees the state at its next checkpoint. */
export async function requestJobCancel(projectId: string, id: string): Promise<boolean> {
  const db = await getPlatformDatabase()
  const rows = await db.query(
    `UPDATE platform.jobs SET state = 'cancelled', updated_at = now()
      WHERE id = $1 AND project_id = $2 AND state = 'active' AND result IS NULL RETURNING id`,
    [id, projectId]
  )
  return rows.length > 0
}
