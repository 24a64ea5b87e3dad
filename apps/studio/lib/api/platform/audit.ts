import { logger } from '../../logger'
import { getPlatformDatabase, type Queryable } from './database'

export interface AuditEntry {
  requestId: string
  userId: string | null
  projectId: string | null
  action: string
  target?: string
  status: number
  details?: Record<string, unknown>
}

/**
 * Records a data-changing call. The entry names the route and its path parameters only — never the
 * request body, which can hold passwords and values. A failed write to the audit log is logged, not
 * thrown: the user's change already happened and must still be answered.
 * Given a transaction (`tx`), the row is written in it and a failure is thrown: the caller's change
 * and its audit row then commit together or not at all (a job's end is recorded that way).
 */
export async function recordAudit(entry: AuditEntry, tx?: Queryable): Promise<void> {
  if (tx) return insertAuditRow(tx, entry)
  try {
    await insertAuditRow(await getPlatformDatabase(), entry)
  } catch (error) {
    logger.error('audit log write failed', { requestId: entry.requestId, error: (error as Error).message })
  }
}

async function insertAuditRow(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO platform.audit_log (request_id, user_id, project_id, action, target, status, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [entry.requestId, entry.userId, entry.projectId, entry.action, entry.target ?? null, entry.status, entry.details ?? {}]
  )
}
