import type { Env } from '../../env'
import type { Permission } from '../authorization'

/**
 * How hard a route is on the databases behind it: `read` is lenient, `write` the default for changes,
 * `expensive` strict (work whose cost the caller chooses: SQL, aggregations, bulk jobs, connection tests).
 */
export const RATE_LIMIT_TIERS = ['read', 'write', 'expensive'] as const
export type RateLimitTier = (typeof RATE_LIMIT_TIERS)[number]

/** Counters kept per key: the three tiers per user, expensive per project, failed logins per IP. */
export type LimiterName = RateLimitTier | 'expensive-project' | 'auth-failure'

export interface LimitPolicy {
  /** Requests allowed per window; 0 means the limit is off. */
  points: number
  windowSeconds: number
}

export type RateLimitPolicies = Record<LimiterName, LimitPolicy>

export function rateLimitPolicies(env: Env): RateLimitPolicies {
  const windowSeconds = env.RATE_LIMIT_WINDOW_SECONDS
  const policy = (points: number): LimitPolicy => ({ points: env.RATE_LIMIT_ENABLED ? points : 0, windowSeconds })
  return {
    read: policy(env.RATE_LIMIT_READ_PER_MIN),
    write: policy(env.RATE_LIMIT_WRITE_PER_MIN),
    expensive: policy(env.RATE_LIMIT_EXPENSIVE_PER_MIN),
    'expensive-project': policy(env.RATE_LIMIT_EXPENSIVE_PROJECT_PER_MIN),
    'auth-failure': policy(env.RATE_LIMIT_AUTH_FAILURES_PER_MIN),
  }
}

/** A route's tier: what it declares, else what its permission implies (reads are read, changes write). */
export function tierOf(permission: Permission, declared?: RateLimitTier): RateLimitTier {
  if (declared) return declared
  return permission === 'write' || permission === 'admin' ? 'write' : 'read'
}

export interface LimitState {
  limit: number
  remaining: number
  /** Milliseconds until the window ends and the count starts again. */
  msBeforeReset: number
  windowSeconds: number
}

/**
 * The IETF draft headers (RateLimit-Limit/-Remaining/-Reset, RateLimit-Policy) on every limited
 * answer, and Retry-After on a refusal. Reset and Retry-After are whole seconds, rounded up so a
 * client that waits exactly that long is never early.
 */
export function rateLimitHeaders(state: LimitState, refused: boolean): Record<string, string> {
  const resetSeconds = Math.max(1, Math.ceil(state.msBeforeReset / 1000))
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(Math.max(0, state.remaining)),
    'RateLimit-Reset': String(resetSeconds),
    'RateLimit-Policy': `${state.limit};w=${state.windowSeconds}`,
  }
  if (refused) headers['Retry-After'] = String(resetSeconds)
  return headers
}
