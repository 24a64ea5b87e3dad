import type { MemberRole } from '../authorization'
import { ConflictError, NotFoundError, ValidationError } from '../database/errors'
import type { Queryable } from './database'

export interface ProjectMember {
  user_id: string
  role: MemberRole
  created_at: string
}

export async function listProjectMembers(db: Queryable, projectId: string): Promise<ProjectMember[]> {
  return db.query<ProjectMember>(
    'SELECT user_id, role, created_at FROM platform.members WHERE project_id = $1 ORDER BY created_at',
    [projectId]
  )
}

export async function addProjectMember(
  db: Queryable,
  projectId: string,
  userId: string,
  role: MemberRole
): Promise<ProjectMember> {
  const existing = await db.query('SELECT 1 FROM platform.members WHERE project_id = $1 AND user_id = $2', [
    projectId,
    userId,
  ])
  if (existing.length > 0) throw new ConflictError('This user is already a member of the project', 'MEMBER_EXISTS')
  const [member] = await db.query<ProjectMember>(
    `INSERT INTO platform.members (project_id, user_id, role) VALUES ($1, $2, $3)
     RETURNING user_id, role, created_at`,
    [projectId, userId, role]
  )
  return member
}

/**
 * Changing or removing a member locks the project's member rows first, so two concurrent calls cannot
 * both remove "another" owner and leave the project with none.
 */
async function assertNotLastOwner(db: Queryable, projectId: string, userId: string): Promise<void> {
  const owners = await db.query<{ user_id: string }>(
    `SELECT user_id FROM platform.members WHERE project_id = $1 AND role = 'owner' FOR UPDATE`,
    [projectId]
  )
  if (owners.length === 1 && owners[0].user_id === userId) {
    throw new ValidationError('The last owner of a project cannot be removed or demoted', undefined, 'LAST_OWNER')
  }
}

export async function updateProjectMemberRole(
  db: Queryable,
  projectId: string,
  userId: string,
  role: MemberRole
): Promise<ProjectMember> {
  if (role !== 'owner') await assertNotLastOwner(db, projectId, userId)
  const rows = await db.query<ProjectMember>(
    `UPDATE platform.members SET role = $3, updated_at = now() WHERE project_id = $1 AND user_id = $2
     RETURNING user_id, role, created_at`,
    [projectId, userId, role]
  )
  if (rows.length === 0) throw new NotFoundError('Member not found', 'MEMBER_NOT_FOUND')
  return rows[0]
}

export async function removeProjectMember(db: Queryable, projectId: string, userId: string): Promise<void> {
  await assertNotLastOwner(db, projectId, userId)
  const rows = await db.query('DELETE FROM platform.members WHERE project_id = $1 AND user_id = $2 RETURNING 1', [
    projectId,
    userId,
  ])
  if (rows.length === 0) throw new NotFoundError('Member not found', 'MEMBER_NOT_FOUND')
}
