import { getChangeFeed } from '../platform/change-feed'
import { revokeSession } from '../platform/sessions'

/**
 * Revokes a session and tells this instance's consumers at once; other instances hear it through the
 * NOTIFY of migration 010's trigger. Returns false when the session is not in `scope`.
 */
export async function revokeAndAnnounce(
  id: string,
  revokedBy: string,
  scope: Parameters<typeof revokeSession>[2]
): Promise<boolean> {
  if (!(await revokeSession(id, revokedBy, scope))) return false
  getChangeFeed().announceLocalChange({ table: 'sessions', op: 'UPDATE', session_id: id })
  return true
}
