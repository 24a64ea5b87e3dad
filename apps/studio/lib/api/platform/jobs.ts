import { getPlatformDatabase, type Queryable } from './database'

/** A `platform.jobs` row: which project a pg-boss job belongs to and what its worker reported. */
export interface JobRecord {
  id: string
  project_id: string
  kind: string
  created_by: string | null
  request_id: string
  progress: Record<string, unknown>
  result: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

export async function insertJobRecord(
  db: Queryable,
  job: { id: string; projectId: string; kind: string; createdBy: string | null; requestId: string; progress: Record<string, unknown> }
): Promise<void> {
  await db.query(
    `INSERT INTO platform.jobs (id, project_id, kind, created_by, request_id, progress)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [job.id, job.projectId, job.kind, job.createdBy, job.requestId, job.progress]
  )
}

/** The job of this project with this id; another project's job is reported as missing. */
export async function findJobRecord(projectId: string, id: string): Promise<JobRecord | undefined> {
  const db = await getPlatformDatabase()
  const rows = await db.query<JobRecord>('SELECT * FROM platform.jobs WHERE id = $1 AND project_id = $2', [id, projectId])
  return rows[0]
}

export async function updateJobProgress(id: string, progress: Record<string, unknown>): Promise<void> {
  const db = await getPlatformDatabase()
  await db.query('UPDATE platform.jobs SET progress = $2, updated_at = now() WHERE id = $1', [id, progress])
}

export async function recordJobResult(id: string, progress: Record<string, unknown>, result: Record<string, unknown>): Promise<void> {
  const db = await getPlatformDatabase()
  await db.query('UPDATE platform.jobs SET progress = $2, result = $3, updated_at = now() WHERE id = $1', [id, progress, result])
}

/** A job by id alone, for its worker (which acts for whichever project the job belongs to). */
export async function getJobRecord(id: string): Promise<JobRecord | undefined> {
  const db = await getPlatformDatabase()
  const rows = await db.query<JobRecord>('SELECT * FROM platform.jobs WHERE id = $1', [id])
  return rows[0]
}
