import { getEnv } from '../../env'
import type { AuthenticatedUser } from '../apiAuthenticate'
import { NotFoundError } from '../database/errors'

/** Platform admins: the users listed in PLATFORM_ADMIN_USER_IDS; self-hosted, the local user. */
export function isPlatformAdmin(user: AuthenticatedUser): boolean {
  if (user.local) return true
  return user.id !== '' && getEnv().PLATFORM_ADMIN_USER_IDS.some((id) => id.toLowerCase() === user.id.toLowerCase())
}

/**
 * Admin routes answer a non-admin exactly like a path with no route (same status, code and message
 * as the API router's), so they don't reveal that they exist.
 */
export function assertPlatformAdmin(user: AuthenticatedUser): void {
  if (!isPlatformAdmin(user)) throw new NotFoundError('No API route here')
}
