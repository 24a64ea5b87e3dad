import type { MemberRole } from '@multibase/api-contracts'

import { useProjectQuery } from 'data/projects/project-query'
import { roleAllows, type Permission } from 'lib/api/authorization'

/**
 * The caller's role on the project and what it allows, with the server's own table (the UI mirrors the
 * server; the server still decides every call). Until the role is known nothing is allowed.
 */
export function useProjectPermissions(ref: string | undefined) {
  const { data, error, isLoading } = useProjectQuery({ ref })
  const role: MemberRole | undefined = data?.role
  return {
    role,
    isLoading,
    error,
    can: (permission: Permission) => (role ? roleAllows(role, permission) : false),
  }
}
