import type { AdminSecurityEvent, AdminSecurityEventsResponse } from '@multibase/api-contracts'

import { getPlatformDatabase } from '../platform/database'

interface SecurityRow {
  id: string
  created_at: Date
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
  project_ref: string | null
  engine: string | null
  connection_id: string | null
  token_kind: string | null
}

const COLUMNS = `a.id::text AS id, a.created_at, a.action, a.route, a.code, a.status, a.request_id, a.user_id::text AS user_id,
  a.user_email, a.ip, a.target, a.details, coalesce(p.ref, a.project_ref) AS project_ref,
  a.engine, a.connection_id::text AS connection_id, a.token_kind`

export function toSecurityEvent(row: SecurityRow): AdminSecurityEvent {
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    kind: 'security',
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
    projectRef: row.project_ref,
    engine: row.engine as AdminSecurityEvent['engine'],
    connectionId: row.connection_id,
    tokenKind: row.token_kind as AdminSecurityEvent['tokenKind'],
  }
}

/** Security events of every project (and of none), newest first, paged by id (ids only grow). */
export async function listSecurityEvents(options: { limit: number; before?: number }): Promise<AdminSecurityEventsResponse> {
  const db = await getPlatformDatabase()
  const rows = await db.query<SecurityRow>(
    `SELECT ${COLUMNS} FROM platform.audit_log a LEFT JOIN platform.projects p ON p.id = a.project_id
      WHERE a.kind = 'security' AND ($1::bigint IS NULL OR a.id < $1)
      ORDER BY a.id DESC LIMIT $2`,
    [options.before ?? null, options.limit + 1]
  )
  const page = rows.slice(0, options.limit)
  const last = page[page.length - 1]
  return { items: page.map(toSecurityEvent), nextBefore: rows.length > options.limit && last ? Number(last.id) : null }
}

/** Security events from `since` on, oldest first, in pages of `batch` (the export streams them). */
export async function* securityEventsSince(since: string | undefined, batch = 1000): AsyncGenerator<AdminSecurityEvent[]> {
  const db = await getPlatformDatabase()
  let after = 0
  for (;;) {
    const rows = await db.query<SecurityRow>(
      `SELECT ${COLUMNS} FROM platform.audit_log a LEFT JOIN platform.projects p ON p.id = a.project_id
        WHERE a.kind = 'security' AND a.id > $1 AND ($2::timestamptz IS NULL OR a.created_at >= $2)
        ORDER BY a.id LIMIT $3`,
      [after, since ?? null, batch]
    )
    if (rows.length === 0) return
    yield rows.map(toSecurityEvent)
    after = Number(rows[rows.length - 1].id)
    if (rows.length < batch) return
  }
}
