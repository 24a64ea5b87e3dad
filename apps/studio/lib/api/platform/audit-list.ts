import type { AuditEntry, AuditKind, AuditListResponse } from '@multibase/api-contracts'

import { ValidationError } from '../database/errors'
import { getPlatformDatabase } from './database'

interface Cursor {
  createdAt: string
  id: string
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url')
}

function decodeCursor(text: string): Cursor {
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
  /** The full-precision timestamp as text: a JS Date would cut microseconds and skip rows. */
  cursor_at: string
  kind: AuditKind
  action: string
  route: string | null
  code: string | null
  status: number
  request_id: string
  user_id: string | null
  user_email: string | null
  ip: string | null
  target: string | null
  details: Record<string, unknown> | null
}

/**
 * A project's audit rows, newest first, keyset-paginated on (created_at, id). Security events aimed
 * at the project before its id was known to the caller (a stranger's 404, a refused origin) carry
 * only its ref, and are listed for that ref too.
 */
export async function listProjectAudit(
  project: { id: string; ref: string },
  options: { kind?: AuditKind; limit: number; cursor?: string }
): Promise<AuditListResponse> {
  const cursor = options.cursor ? decodeCursor(options.cursor) : undefined
  const db = await getPlatformDatabase()
  const rows = await db.query<AuditRow>(
    `SELECT id::text AS id, created_at, created_at::text AS cursor_at, kind, action, route, code, status, request_id, user_id::text AS user_id,
            user_email, ip, target, details
       FROM platform.audit_log
      WHERE (project_id = $1 OR (project_id IS NULL AND kind = 'security' AND project_ref = $2))
        AND ($3::text IS NULL OR kind = $3)
        AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::bigint))
      ORDER BY created_at DESC, id DESC
      LIMIT $6`,
    [project.id, project.ref, options.kind ?? null, cursor?.createdAt ?? null, cursor?.id ?? null, options.limit + 1]
  )
  const page = rows.slice(0, options.limit)
  const items: AuditEntry[] = page.map((row) => ({
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    kind: row.kind,
    action: row.action,
    route: row.route,
    code: row.code,
    status: row.status,
    requestId: row.request_id,
    userId: row.user_id,
    userEmail: row.user_email,
    ip: row.ip,
    target: row.target,
    details: row.details ?? {},
  }))
  const last = page[page.length - 1]
  const nextCursor =
    rows.length > options.limit && last ? encodeCursor({ createdAt: last.cursor_at, id: last.id }) : null
  return { items, nextCursor }
}
