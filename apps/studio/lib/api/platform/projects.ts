import { z } from 'zod'

import { higherRole, type MemberRole } from '../authorization'
import { ConflictError, NotFoundError } from '../database/errors'
import { getAccessCache } from './access-cache'
import { projectConnectionsJson, type ConnectionRow } from './connections'
import { getPlatformDatabase, type Queryable } from './database'

export interface ProjectAccess {
  project: { id: string; ref: string; name: string; organizationId: string; connections: readonly ConnectionRow[] }
  role: MemberRole
}

const accessRow = z.object({
  id: z.string(),
  ref: z.string(),
  name: z.string(),
  organization_id: z.string(),
  project_role: z.enum(['owner', 'admin', 'developer', 'read_only']).nullable(),
  org_role: z.enum(['owner', 'admin', 'developer', 'read_only']).nullable(),
  connections: z.array(z.custom<ConnectionRow>((value) => typeof value === 'object' && value !== null)),
})

/**
 * The caller's view of a project. A project the caller has no role on is reported exactly like one
 * that does not exist (404), so refs cannot be probed. This is the hot path of every request, so a
 * granted access is served from the instance's access cache (see access-cache.ts) when it can be.
 */
export function getProjectAccess(ref: string, userId: string): Promise<ProjectAccess> {
  return getAccessCache().get(ref, userId, () => readProjectAccess(ref, userId))
}

/**
 * The caller's access read from the platform database now, bypassing the cache. The project's
 * connection rows come in the same round trip: nearly every call goes on to use one.
 */
export async function readProjectAccess(ref: string, userId: string): Promise<ProjectAccess> {
  const db = await getPlatformDatabase()
  const rows = await db.query(
    `SELECT p.id, p.ref, p.name, p.organization_id, m.role AS project_role, om.role AS org_role,
            ${projectConnectionsJson('p.id')} AS connections
       FROM platform.projects p
       LEFT JOIN platform.members m ON m.project_id = p.id AND m.user_id = $2
       LEFT JOIN platform.organization_members om ON om.organization_id = p.organization_id AND om.user_id = $2
      WHERE p.ref = $1`,
    [ref, userId]
  )
  const row = rows[0] ? accessRow.parse(rows[0]) : undefined
  const role = row ? higherRole(row.project_role, row.org_role) : null
  if (!row || !role) throw new NotFoundError(`Project "${ref}" not found`, 'PROJECT_NOT_FOUND')
  return {
    project: { id: row.id, ref: row.ref, name: row.name, organizationId: row.organization_id, connections: row.connections },
    role,
  }
}

export interface ProjectSummary {
  id: string
  ref: string
  name: string
  organization_id: string
  organization_name: string
  role: MemberRole
  created_at: string
}

export async function listProjectsForUser(userId: string): Promise<ProjectSummary[]> {
  const db = await getPlatformDatabase()
  const rows = await db.query<ProjectSummary & { project_role: MemberRole | null; org_role: MemberRole | null }>(
    `SELECT p.id, p.ref, p.name, p.organization_id, o.name AS organization_name, p.created_at,
            m.role AS project_role, om.role AS org_role
       FROM platform.projects p
       JOIN platform.organizations o ON o.id = p.organization_id
       LEFT JOIN platform.members m ON m.project_id = p.id AND m.user_id = $1
       LEFT JOIN platform.organization_members om ON om.organization_id = p.organization_id AND om.user_id = $1
      WHERE m.user_id IS NOT NULL OR om.user_id IS NOT NULL
      ORDER BY o.name, p.name`,
    [userId]
  )
  return rows.map(({ project_role, org_role, ...project }) => ({
    ...project,
    created_at: new Date(project.created_at).toISOString(),
    role: higherRole(project_role, org_role) as MemberRole,
  }))
}

export async function createProject(
  input: { organizationId: string; ref: string; name: string },
  creatorUserId: string,
  db: Queryable
): Promise<{ id: string; ref: string; name: string; organization_id: string }> {
  const existing = await db.query('SELECT 1 FROM platform.projects WHERE ref = $1', [input.ref])
  if (existing.length > 0) throw new ConflictError(`A project with ref "${input.ref}" already exists`, 'PROJECT_EXISTS')
  const [project] = await db.query<{ id: string; ref: string; name: string; organization_id: string }>(
    `INSERT INTO platform.projects (organization_id, ref, name) VALUES ($1, $2, $3)
     RETURNING id, ref, name, organization_id`,
    [input.organizationId, input.ref, input.name]
  )
  await db.query(`INSERT INTO platform.members (project_id, user_id, role) VALUES ($1, $2, 'owner')`, [
    project.id,
    creatorUserId,
  ])
  return project
}
