import type { IncomingMessage, ServerResponse } from 'node:http'

import type { AuthenticatedUser } from '../apiAuthenticate'
import { DatabaseError } from '../database/errors'
import { requestAddress } from '../audit-context'
import { assertAuthAllowed, consumeRateLimit, recordAuthFailure } from './enforce'
import type { RateLimitTier } from './policy'

const addressOf = (req: IncomingMessage) => requestAddress(req) ?? 'unknown'

/**
 * Authenticates unless the caller's address has failed too often: repeated 401s from one address
 * (token guessing, a client stuck with an expired token) are answered 429 until the window ends,
 * valid tokens included, so guessing costs the window, not one round trip.
 */
export async function authenticateWithinLimits(
  req: IncomingMessage,
  res: ServerResponse | undefined,
  authenticate: () => Promise<AuthenticatedUser>
): Promise<AuthenticatedUser> {
  const ip = addressOf(req)
  await assertAuthAllowed(ip, res)
  try {
    return await authenticate()
  } catch (error) {
    if (error instanceof DatabaseError && error.status === 401) await recordAuthFailure(ip)
    throw error
  }
}

/** The caller's count in the route's tier: per user, per address for routes that need no login. */
export function limitCaller(req: IncomingMessage, res: ServerResponse, tier: RateLimitTier, userId: string): Promise<void> {
  return consumeRateLimit(tier, userId ? `user:${userId}` : `ip:${addressOf(req)}`, res)
}

/** Expensive work is counted per project as well: several members together can't overload one database. */
export async function limitProject(res: ServerResponse, tier: RateLimitTier, projectId: string): Promise<void> {
  if (tier === 'expensive') await consumeRateLimit('expensive-project', `project:${projectId}`, res)
}
