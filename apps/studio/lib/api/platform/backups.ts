import type { Backup, BackupStats } from '@multibase/api-contracts'

import { NotFoundError } from '../database/errors'
import { getPlatformDatabase } from './database'

interface BackupRow {
  id: string
  engine: Backup['engine']
  kind: Backup['kind']
  status: Backup['status']
  connection_id: string | null
  job_id: string | null
  scope: Record<string, unknown>
  object_key: string
  size_bytes: string | null
  sha256: string | null
  duration_ms: number | null
  engine_version: string | null
  error: string | null
  created_at: Date
  finished_at: Date | null
}

/** A catalogue row with where its bytes are stored (never sent to a client). */
export type StoredBackup = Backup & { objectKey: string }

const toBackup = (row: BackupRow): StoredBackup => ({
  id: row.id,
  engine: row.engine,
  kind: row.kind,
  status: row.status,
  connectionId: row.connection_id,
  jobId: row.job_id,
  scope: row.scope,
  sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
  sha256: row.sha256,
  durationMs: row.duration_ms,
  engineVersion: row.engine_version,
  error: row.error,
  createdAt: new Date(row.created_at).toISOString(),
  finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  objectKey: row.object_key,
})

export const publicBackup = ({ objectKey: _objectKey, ...backup }: StoredBackup): Backup => backup

export async function insertBackupRecord(input: {
  id: string
  projectId: string
  connectionId: string
  engine: Backup['engine']
  kind: Backup['kind']
  scope: Record<string, unknown>
  objectKey: string
  createdBy: string | null
}): Promise<void> {
  const db = await getPlatformDatabase()
  await db.query(
    `INSERT INTO platform.backups (id, project_id, connection_id, engine, kind, scope, object_key, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [input.id, input.projectId, input.connectionId, input.engine, input.kind, JSON.stringify(input.scope), input.objectKey, input.createdBy]
  )
}

export async function attachBackupJob(projectId: string, id: string, jobId: string): Promise<void> {
  const db = await getPlatformDatabase()
  await db.query(`UPDATE platform.backups SET job_id = $3 WHERE project_id = $1 AND id = $2`, [projectId, id, jobId])
}

export async function finishBackupRecord(
  projectId: string,
  id: string,
  end:
    | { status: 'succeeded'; sizeBytes: number; sha256: string; durationMs: number; engineVersion: string }
    | { status: 'failed' | 'cancelled'; error: string | null; durationMs: number }
): Promise<void> {
  const db = await getPlatformDatabase()
  if (end.status === 'succeeded') {
    await db.query(
      `UPDATE platform.backups SET status = 'succeeded', size_bytes = $3, sha256 = $4, duration_ms = $5, engine_version = $6,
              error = NULL, finished_at = now()
        WHERE project_id = $1 AND id = $2`,
      [projectId, id, end.sizeBytes, end.sha256, end.durationMs, end.engineVersion]
    )
  } else {
    await db.query(
      `UPDATE platform.backups SET status = $3, error = $4, duration_ms = $5, finished_at = now() WHERE project_id = $1 AND id = $2`,
      [projectId, id, end.status, end.error, end.durationMs]
    )
  }
}

export async function findBackup(projectId: string, id: string): Promise<StoredBackup> {
  const db = await getPlatformDatabase()
  const [row] = await db.query<BackupRow>(`SELECT * FROM platform.backups WHERE project_id = $1 AND id = $2`, [projectId, id])
  if (!row) throw new NotFoundError(`Backup "${id}" not found`, 'BACKUP_NOT_FOUND')
  return toBackup(row)
}

export async function listBackups(
  projectId: string,
  filter: { connectionId?: string; engine?: string; kind?: string; status?: string; limit: number; offset: number }
): Promise<{ backups: Backup[]; total: number }> {
  const db = await getPlatformDatabase()
  const where = `WHERE project_id = $1 AND ($2::uuid IS NULL OR connection_id = $2) AND ($3::text IS NULL OR engine = $3)
                   AND ($4::text IS NULL OR kind = $4) AND ($5::text IS NULL OR status = $5)`
  const params = [projectId, filter.connectionId ?? null, filter.engine ?? null, filter.kind ?? null, filter.status ?? null]
  const rows = await db.query<BackupRow>(`SELECT * FROM platform.backups ${where} ORDER BY created_at DESC, id LIMIT $6 OFFSET $7`, [
    ...params,
    filter.limit,
    filter.offset,
  ])
  const [{ total }] = await db.query<{ total: string }>(`SELECT count(*) AS total FROM platform.backups ${where}`, params)
  return { backups: rows.map((row) => publicBackup(toBackup(row))), total: Number(total) }
}

export async function deleteBackupRecord(projectId: string, id: string): Promise<void> {
  const db = await getPlatformDatabase()
  await db.query(`DELETE FROM platform.backups WHERE project_id = $1 AND id = $2`, [projectId, id])
}

export async function backupStats(projectId: string): Promise<BackupStats> {
  const db = await getPlatformDatabase()
  const [totals] = await db.query<{ count: string; total: string | null }>(
    `SELECT count(*) AS count, sum(size_bytes) AS total FROM platform.backups WHERE project_id = $1`,
    [projectId]
  )
  const last = await db.query<{ connection_id: string | null; engine: Backup['engine']; finished_at: Date }>(
    `SELECT DISTINCT ON (connection_id, engine) connection_id, engine, finished_at FROM platform.backups
      WHERE project_id = $1 AND status = 'succeeded' ORDER BY connection_id, engine, finished_at DESC`,
    [projectId]
  )
  return {
    count: Number(totals.count),
    totalBytes: Number(totals.total ?? 0),
    lastSuccess: last.map((row) => ({ connectionId: row.connection_id, engine: row.engine, finishedAt: new Date(row.finished_at).toISOString() })),
  }
}
