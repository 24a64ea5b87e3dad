import type { AdminUser, AdminUsersResponse } from '@multibase/api-contracts'

import { getPlatformDatabase } from '../platform/database'

interface UserRow {
  id: string
  email: string | null
  last_seen_at: Date | null
  memberships: AdminUser['memberships']
  total: string
}

/**
 * Users are the distinct user ids holding a role somewhere (project or organization members); their
 * email is the last one a session or an audit row saw (GoTrue owns the user records, not us).
 */
export async function listAdminUsers(options: { limit: number; offset: number }): Promise<AdminUsersResponse> {
  const db = await getPlatformDatabase()
  const rows = await db.query<UserRow>(
    `WITH ids AS (
       SELECT user_id FROM platform.members UNION SELECT user_id FROM platform.organization_members
     )
     SELECT ids.user_id::text AS id,
            coalesce(
              (SELECT s.user_email FROM platform.sessions s WHERE s.user_id = ids.user_id AND s.user_email IS NOT NULL
                ORDER BY s.last_seen_at DESC LIMIT 1),
              (SELECT a.user_email FROM platform.audit_log a WHERE a.user_id = ids.user_id AND a.user_email IS NOT NULL
                ORDER BY a.created_at DESC LIMIT 1)) AS email,
            (SELECT max(s.last_seen_at) FROM platform.sessions s WHERE s.user_id = ids.user_id) AS last_seen_at,
            coalesce((
              SELECT json_agg(m ORDER BY m.scope, m."slugOrRef") FROM (
                SELECT 'organization' AS scope, o.id::text AS id, o.name, o.slug AS "slugOrRef", om.role::text AS role
                  FROM platform.organization_members om JOIN platform.organizations o ON o.id = om.organization_id
                 WHERE om.user_id = ids.user_id
                UNION ALL
                SELECT 'project', p.id::text, p.name, p.ref, pm.role::text
                  FROM platform.members pm JOIN platform.projects p ON p.id = pm.project_id
                 WHERE pm.user_id = ids.user_id) m), '[]'::json) AS memberships,
            count(*) OVER ()::text AS total
       FROM ids
      ORDER BY ids.user_id
      LIMIT $1 OFFSET $2`,
    [options.limit, options.offset]
  )
  const total = rows[0] ? Number(rows[0].total) : 0
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      email: row.email,
      lastSeenAt: row.last_seen_at ? new Date(row.last_seen_at).toISOString() : null,
      memberships: row.memberships,
    })),
  }
}
