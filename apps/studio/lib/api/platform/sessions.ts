import type { StudioSession } from '@multibase/api-contracts'

import { getPlatformDatabase } from './database'

interface SessionRow {
  id: string
  user_id: string
  user_email: string | null
  first_seen_at: Date
  last_seen_at: Date
  ip: string | null
  user_agent: string | null
  instance_id: string | null
  expires_at: Date
  revoked_at: Date | null
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null)

function toSession(row: SessionRow, currentSessionId: string | undefined): StudioSession {
  return {
    id: row.id,
    userId: row.user_id,
    userEmail: row.user_email,
    firstSeenAt: iso(row.first_seen_at) as string,
    lastSeenAt: iso(row.last_seen_at) as string,
    ip: row.ip,
    userAgent: row.user_agent,
    instanceId: row.instance_id,
    expiresAt: iso(row.expires_at) as string,
    revokedAt: iso(row.revoked_at),
    current: row.id === currentSessionId,
  }
}

/**
 * Records that a session was seen. The first sighting inserts; later ones move last_seen_at (and the
 * expiry, ip, agent, instance) on. A session id already held by another user is left alone: the
 * token's signature makes that impossible unless GoTrue reused an id.
 */
export async function touchSession(session: {
  id: string
  userId: string
  email: string | null
  ip: string | null
  userAgent: string | null
  instanceId: string
  expiresAt: Date
}): Promise<void> {
  const db = await getPlatformDatabase()
  await db.query(
    `INSERT INTO platform.sessions AS s (id, user_id, user_email, ip, user_agent, instance_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE
       SET last_seen_at = now(), user_email = coalesce(excluded.user_email, s.user_email), ip = excluded.ip,
           user_agent = excluded.user_agent, instance_id = excluded.instance_id,
           expires_at = greatest(s.expires_at, excluded.expires_at)
     WHERE s.user_id = excluded.user_id`,
    [session.id, session.userId, session.email, session.ip, session.userAgent, session.instanceId, session.expiresAt]
  )
}

/** The caller's sessions whose tokens have not all expired yet, newest first. */
export async function listUserSessions(userId: string, currentSessionId?: string): Promise<StudioSession[]> {
  const db = await getPlatformDatabase()
  const rows = await db.query<SessionRow>(
    `SELECT * FROM platform.sessions WHERE user_id = $1 AND expires_at > now() ORDER BY last_seen_at DESC LIMIT 200`,
    [userId]
  )
  return rows.map((row) => toSession(row, currentSessionId))
}

const PROJECT_MEMBER_IDS = `
  SELECT m.user_id FROM platform.members m WHERE m.project_id = $1
  UNION
  SELECT om.user_id FROM platform.organization_members om
    JOIN platform.projects p ON p.organization_id = om.organization_id WHERE p.id = $1`

/** Live sessions of everyone with a role on the project (directly or through its organization). */
export async function listProjectSessions(projectId: string, currentSessionId?: string): Promise<StudioSession[]> {
  const db = await getPlatformDatabase()
  const rows = await db.query<SessionRow>(
    `SELECT * FROM platform.sessions WHERE user_id IN (${PROJECT_MEMBER_IDS}) AND expires_at > now()
      ORDER BY last_seen_at DESC LIMIT 500`,
    [projectId]
  )
  return rows.map((row) => toSession(row, currentSessionId))
}

/**
 * Revokes a session, if `scope` may: the caller's own (`userId`) or a member of the project
 * (`projectId`). Returns false when there is no such session in scope, so the route answers 404.
 * Revoking twice is not an error.
 */
export async function revokeSession(
  id: string,
  revokedBy: string,
  scope: { userId: string } | { projectId: string }
): Promise<boolean> {
  const db = await getPlatformDatabase()
  const rows =
    'userId' in scope
      ? await db.query(
          `UPDATE platform.sessions SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $2)
            WHERE id = $1 AND user_id = $3 RETURNING id`,
          [id, revokedBy, scope.userId]
        )
      : await db.query(
          `UPDATE platform.sessions SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $2)
            WHERE id = $1 AND user_id IN (${PROJECT_MEMBER_IDS.replace(/\$1/g, '$3')}) RETURNING id`,
          [id, revokedBy, scope.projectId]
        )
  return rows.length > 0
}

/** Revoked sessions whose tokens may still be valid: what every instance must refuse. */
export async function listRevokedSessions(): Promise<Array<{ id: string; expires_at: Date }>> {
  const db = await getPlatformDatabase()
  return db.query(`SELECT id, expires_at FROM platform.sessions WHERE revoked_at IS NOT NULL AND expires_at > now()`)
}
