import type { AuditFilter } from '@multibase/api-contracts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface AuditCursor {
  /** The full-precision timestamp as text: a JS Date would cut microseconds and skip rows. */
  createdAt: string
  id: string
}

export interface AuditWhere {
  sql: string
  params: unknown[]
}

/** `%`, `_` and the escape character itself match literally in the `action` substring filter. */
function likePattern(text: string): string {
  return '%' + text.replace(/[\\%_]/g, (char) => '\\' + char) + '%'
}

/**
 * The WHERE clause of a project's audit rows under the given filters and after `cursor` (newest
 * first on (created_at, id)). Every value is a parameter. Security events aimed at the project before
 * its id was known to the caller (a stranger's 404, a refused origin) carry only its ref and belong
 * to it too.
 */
export function auditWhere(
  project: { id: string; ref: string },
  filter: Omit<AuditFilter, 'ref'>,
  cursor?: AuditCursor
): AuditWhere {
  const params: unknown[] = []
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const clauses = [
    `(project_id = ${param(project.id)} OR (project_id IS NULL AND kind = 'security' AND project_ref = ${param(project.ref)}))`,
  ]
  if (filter.kind) clauses.push(`kind = ${param(filter.kind)}`)
  if (filter.actor) {
    clauses.push(
      UUID.test(filter.actor)
        ? `user_id = ${param(filter.actor)}::uuid`
        : `lower(user_email) = lower(${param(filter.actor)})`
    )
  }
  if (filter.action) clauses.push(`action ILIKE ${param(likePattern(filter.action))} ESCAPE '\\'`)
  if (filter.route) clauses.push(`route = ${param(filter.route)}`)
  if (filter.engine) clauses.push(`engine = ${param(filter.engine)}`)
  if (filter.connectionId) clauses.push(`connection_id = ${param(filter.connectionId)}::uuid`)
  if (filter.code) clauses.push(`code = ${param(filter.code)}`)
  if (filter.status) {
    if (filter.status.endsWith('xx')) {
      const low = Number(filter.status[0]) * 100
      clauses.push(`status >= ${param(low)}::int AND status < ${param(low + 100)}::int`)
    } else {
      clauses.push(`status = ${param(Number(filter.status))}::int`)
    }
  }
  if (filter.from) clauses.push(`created_at >= ${param(filter.from)}::timestamptz`)
  if (filter.to) clauses.push(`created_at < ${param(filter.to)}::timestamptz`)
  if (cursor) {
    clauses.push(`(created_at, id) < (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)}::bigint)`)
  }
  return { sql: clauses.join('\n AND '), params }
}
