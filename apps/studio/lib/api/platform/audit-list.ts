import type { AuditEntry, AuditFilter, AuditListResponse } from '@multibase/api-contracts'

import { ValidationError } from '../database/errors'
import { getPlatformDatabase } from './database'
import { auditWhere, type AuditCursor } from './audit-filter'

function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url')
}

function decodeCursor(text: string): AuditCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[]
    if (
      typeof createdAt === 'string' &&
      !Number.isNaN(Date.parse(createdAt)) &&
      typeof id === 'string' &&
      /^\d{1,19}$/.test(id)
    ) {
      return { createdAt, id }
    }
  } catch {
    // reported below
  }
  throw new ValidationError('cursor is not a nextCursor value from a previous page', undefined, 'INVALID_CURSOR')
}

interface AuditRow {
  id: string
  created_at: Date | string
  cursor_at: string
  kind: AuditEntry['kind']
  action: string
  route: string | null
  engine: AuditEntry['engine']
  connection_id: string | null
  code: string | null
  status: number
  request_id: string
  user_id: string | null
  user_email: string | null
  token_kind: AuditEntry['tokenKind']
  ip: string | null
  target: string | null
  details: Record<string, unknown> | null
}

export interface AuditPage {
  items: AuditEntry[]
  /** Where the next page starts, or null on the last page. */
  next: AuditCursor | null
}

/** One keyset page of a project's audit rows, newest first; the list and the export both walk these. */
export async function readAuditPage(
  project: { id: string; ref: string },
  filter: Omit<AuditFilter, 'ref'>,
  limit: number,
  cursor?: AuditCursor
): Promise<AuditPage> {
  const where = auditWhere(project, filter, cursor)
  const db = await getPlatformDatabase()
  const rows = await db.query<AuditRow>(
    `SELECT id::text AS id, created_at, created_at::text AS cursor_at, kind, action, route, engine,
            connection_id::text AS connection_id, code, status, request_id, user_id::text AS user_id,
            user_email, token_kind, ip, target, details
       FROM platform.audit_log
      WHERE ${where.sql}
      ORDER BY created_at DESC, id DESC
      LIMIT ${limit + 1}`,
    where.params
  )
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    items: page.map(toEntry),
    next: rows.length > limit && last ? { createdAt: last.cursor_at, id: last.id } : null,
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    kind: row.kind,
    action: row.action,
    route: row.route,
    engine: row.engine,
    connectionId: row.connection_id,
    code: row.code,
    status: row.status,
    requestId: row.request_id,
    userId: row.user_id,
    userEmail: row.user_email,
    tokenKind: row.token_kind,
    ip: row.ip,
    target: row.target,
    details: row.details ?? {},
  }
}

/** A project's audit rows, newest first, keyset-paginated on (created_at, id), filtered. */
export async function listProjectAudit(
  project: { id: string; ref: string },
  options: Omit<AuditFilter, 'ref'> & { limit: number; cursor?: string }
): Promise<AuditListResponse> {
  const { limit, cursor, ...filter } = options
  const page = await readAuditPage(project, filter, limit, cursor ? decodeCursor(cursor) : undefined)
  return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }
}
