import { LRUCache } from 'lru-cache'

import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import { getPlatformDatabase, type Queryable } from './database'

export type AuditKind = 'data' | 'admin' | 'security'

/** Who made a call, beyond the user id: how they authenticated and from where. */
export interface AuditActor {
  userEmail?: string | null
  /** `user`: a GoTrue JWT; `local`: the self-hosted local user. */
  tokenKind?: 'user' | 'local' | null
  /** The client's address (per TRUST_PROXY). */
  ip?: string | null
}

/** What the call touched, from the route the router matched: filters of the audit page. */
export interface AuditScope {
  engine?: 'postgres' | 'redis' | 'mongodb' | null
  connectionId?: string | null
}

export interface AuditEntry extends AuditActor, AuditScope {
  requestId: string
  userId: string | null
  projectId: string | null
  action: string
  target?: string
  status: number
  details?: Record<string, unknown>
  /** data (default) for write calls, admin for admin-permission calls. */
  kind?: Exclude<AuditKind, 'security'>
  /** The router's template of the route, e.g. `/api/platform/redis/[ref]/keys/[key]`. */
  route?: string
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

export interface SecurityEvent extends AuditActor, AuditScope {
  requestId: string
  /** The error code of the denial: UNAUTHORIZED, ORIGIN_NOT_ALLOWED, MISDIRECTED_HOST, SECRET_TAMPERED, … */
  code: string
  status: number
  /** `METHOD /api/...template` or `UPGRADE …` or `PAGE` for a non-API request. */
  action: string
  route?: string | null
  userId?: string | null
  projectId?: string | null
  /** The project the request named, recorded even when the caller may not learn its id. */
  projectRef?: string | null
  target?: string
}

/** Repeats of one denial (same ip, code, action, project) within this window share one row. */
const COALESCE_WINDOW_MS = 60_000

interface Window {
  startedAt: number
  /** Repeats seen and not yet written; the next row of the key carries the count. */
  suppressed: number
}

/**
 * In-memory, per instance: a flood of identical denials writes one row per minute per key (the next
 * row says how many were folded into it), and the LRU bounds the memory a flood of distinct keys can
 * take. This caps the table's growth; refusing the flood itself is rate limiting's job.
 */
const windows = () => processSingleton('security-event-windows', () => new LRUCache<string, Window>({ max: 10_000 }))

export function shouldWriteSecurityEvent(key: string, now = Date.now()): { write: boolean; suppressed: number } {
  const window = windows().get(key)
  if (window && now - window.startedAt < COALESCE_WINDOW_MS) {
    window.suppressed += 1
    return { write: false, suppressed: 0 }
  }
  windows().set(key, { startedAt: now, suppressed: 0 })
  return { write: true, suppressed: window?.suppressed ?? 0 }
}

/** Records a denial or an integrity failure as a `security` row of the audit log (coalesced, see above). */
export async function recordSecurityEvent(event: SecurityEvent): Promise<void> {
  const key = [event.ip ?? '', event.code, event.action, event.projectRef ?? '', event.userId ?? ''].join('\u0000')
  const { write, suppressed } = shouldWriteSecurityEvent(key)
  if (!write) return
  try {
    const db = await getPlatformDatabase()
    await db.query(
      `INSERT INTO platform.audit_log
         (request_id, user_id, project_id, action, target, status, details, kind, route, code, project_ref, ip, user_email,
          engine, connection_id, token_kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'security', $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        event.requestId,
        event.userId ?? null,
        event.projectId ?? null,
        event.action,
        event.target ?? null,
        event.status,
        suppressed > 0 ? { repeatsFoldedIntoPreviousRow: suppressed } : {},
        event.route ?? null,
        event.code,
        event.projectRef ?? null,
        event.ip ?? null,
        event.userEmail ?? null,
        event.engine ?? null,
        event.connectionId ?? null,
        event.tokenKind ?? null,
      ]
    )
  } catch (error) {
    logger.error('security event write failed', {
      requestId: event.requestId,
      code: event.code,
      error: (error as Error).message,
    })
  }
}

async function insertAuditRow(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO platform.audit_log
       (request_id, user_id, project_id, action, target, status, details, kind, route, user_email, ip, engine, connection_id, token_kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      entry.requestId,
      entry.userId,
      entry.projectId,
      entry.action,
      entry.target ?? null,
      entry.status,
      entry.details ?? {},
      entry.kind ?? 'data',
      entry.route ?? null,
      entry.userEmail ?? null,
      entry.ip ?? null,
      entry.engine ?? null,
      entry.connectionId ?? null,
      entry.tokenKind ?? null,
    ]
  )
}
