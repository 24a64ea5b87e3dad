import type { IncomingMessage } from 'node:http'

import { LRUCache } from 'lru-cache'

import { getEnv } from '../../env'
import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import type { AuthenticatedUser } from '../apiAuthenticate'
import { AuthenticationError } from '../database/errors'
import type { ChangeFeedEvent } from '../platform/change-feed'
import { getInstanceId } from '../platform/instances'
import { listRevokedSessions, touchSession } from '../platform/sessions'
import { requestAddress } from '../audit-context'

/**
 * Per instance: the revoked sessions (session id → when its tokens expire), loaded at start and after
 * every change-feed flush and told of each revocation by the feed, so every instance refuses a revoked
 * session within the feed's delay; and when each session was last written, so a session costs one
 * platform write a minute per instance rather than one per request.
 */
export class SessionGuard {
  private revoked = new Map<string, number>()
  private readonly touched = new LRUCache<string, number>({ max: 50_000 })
  private generation = 0

  async load(): Promise<void> {
    const generation = ++this.generation
    const rows = await listRevokedSessions()
    if (generation !== this.generation) return
    const next = new Map<string, number>()
    for (const row of rows) next.set(row.id, new Date(row.expires_at).getTime())
    // Revocations told by the feed while the list loaded stay.
    for (const [id, expiresAt] of this.revoked) if (!next.has(id)) next.set(id, expiresAt)
    this.revoked = next
  }

  onFeedEvent(event: ChangeFeedEvent): void {
    if (event.kind === 'flush') {
      this.load().catch((error) => logger.warn('revoked sessions reload failed', { error: (error as Error).message }))
      return
    }
    const { change } = event
    if (change.table !== 'sessions' || !change.session_id) return
    const expiresAt = change.expires_at ? Date.parse(change.expires_at) : Number.NaN
    // Unknown expiry: refuse for a day, GoTrue's longest access-token lifetime.
    this.revoked.set(change.session_id, Number.isNaN(expiresAt) ? Date.now() + 86_400_000 : expiresAt + 60_000)
    this.touched.delete(change.session_id)
  }

  isRevoked(sessionId: string): boolean {
    const expiresAt = this.revoked.get(sessionId)
    if (expiresAt === undefined) return false
    if (expiresAt < Date.now()) {
      this.revoked.delete(sessionId)
      return false
    }
    return true
  }

  /** Refuses a revoked session (401 SESSION_REVOKED) and records the sighting of a live one. */
  async check(user: AuthenticatedUser, req: IncomingMessage): Promise<void> {
    const sessionId = user.sessionId
    if (!sessionId) return
    if (this.isRevoked(sessionId)) throw new AuthenticationError('This session was revoked; sign in again', 'SESSION_REVOKED')
    const now = Date.now()
    const last = this.touched.get(sessionId)
    if (last !== undefined && now - last < getEnv().SESSION_TOUCH_INTERVAL_MS) return
    this.touched.set(sessionId, now)
    const agent = req.headers['user-agent']
    await touchSession({
      id: sessionId,
      userId: user.id,
      email: user.email ?? null,
      ip: requestAddress(req),
      userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null,
      instanceId: getInstanceId(),
      expiresAt: new Date(user.expiresAt ?? now + 3_600_000),
    }).catch((error) => {
      this.touched.delete(sessionId)
      logger.warn('session sighting not recorded', { error: (error as Error).message })
    })
  }
}

export const getSessionGuard = () => processSingleton('session-guard', () => new SessionGuard())
