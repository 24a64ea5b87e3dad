import { ForbiddenError } from './database/errors'

export const MEMBER_ROLES = ['owner', 'admin', 'developer', 'read_only'] as const
export type MemberRole = (typeof MEMBER_ROLES)[number]

/**
 * What an operation needs: `read` for queries, `write` for data changes, `admin` for managing
 * connections and members. `none` marks routes that need only an authenticated caller.
 */
export type Permission = 'none' | 'read' | 'write' | 'admin'

const GRANTS: Record<MemberRole, ReadonlySet<Permission>> = {
  owner: new Set(['none', 'read', 'write', 'admin']),
  admin: new Set(['none', 'read', 'write', 'admin']),
  developer: new Set(['none', 'read', 'write']),
  read_only: new Set(['none', 'read']),
}

const RANK: Record<MemberRole, number> = { owner: 4, admin: 3, developer: 2, read_only: 1 }

export function roleAllows(role: MemberRole, permission: Permission): boolean {
  return GRANTS[role].has(permission)
}

export function assertRoleAllows(role: MemberRole, permission: Permission): void {
  if (!roleAllows(role, permission)) {
    throw new ForbiddenError(`Your role (${role}) does not allow ${permission} operations on this project`)
  }
}

/** The higher of two roles (organization-wide and project-specific grants combine this way). */
export function higherRole(a: MemberRole | null, b: MemberRole | null): MemberRole | null {
  if (!a) return b
  if (!b) return a
  return RANK[a] >= RANK[b] ? a : b
}
