import type { MemberRole } from '../authorization'
import { ConflictError } from '../database/errors'
import { getPlatformDatabase, type Queryable } from './database'

export interface OrganizationSummary {
  id: string
  name: string
  slug: string
  role: MemberRole
}

export async function listOrganizationsForUser(userId: string): Promise<OrganizationSummary[]> {
  const db = await getPlatformDatabase()
  return db.query<OrganizationSummary>(
    `SELECT o.id, o.name, o.slug, om.role
       FROM platform.organizations o
       JOIN platform.organization_members om ON om.organization_id = o.id
      WHERE om.user_id = $1
      ORDER BY o.name`,
    [userId]
  )
}

export async function getOrganizationRole(organizationId: string, userId: string): Promise<MemberRole | null> {
  const db = await getPlatformDatabase()
  const rows = await db.query<{ role: MemberRole }>(
    'SELECT role FROM platform.organization_members WHERE organization_id = $1 AND user_id = $2',
    [organizationId, userId]
  )
  return rows[0]?.role ?? null
}

/** Creates an organization whose creator becomes its owner. */
export async function createOrganization(
  input: { name: string; slug: string },
  creatorUserId: string,
  db: Queryable
): Promise<OrganizationSummary> {
  const existing = await db.query('SELECT 1 FROM platform.organizations WHERE slug = $1', [input.slug])
  if (existing.length > 0) {
    throw new ConflictError(`An organization with slug "${input.slug}" already exists`, 'ORGANIZATION_EXISTS')
  }
  const [organization] = await db.query<{ id: string; name: string; slug: string }>(
    'INSERT INTO platform.organizations (name, slug) VALUES ($1, $2) RETURNING id, name, slug',
    [input.name, input.slug]
  )
  await db.query(
    `INSERT INTO platform.organization_members (organization_id, user_id, role) VALUES ($1, $2, 'owner')`,
    [organization.id, creatorUserId]
  )
  return { ...organization, role: 'owner' }
}
