import Redis from 'ioredis'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible'

import { getEnv } from '../../env'
import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import { getPlatformDatabase } from '../platform/database'
import { rateLimitPolicies, type LimiterName, type LimitPolicy, type RateLimitPolicies } from './policy'

export type RateLimitStore = 'redis' | 'postgres' | 'memory'

export interface Limiters {
  store: RateLimitStore
  policies: RateLimitPolicies
  /** The redis client when PLATFORM_REDIS_URL is set (the WebSocket leases use it too). */
  redis?: Redis
  /** undefined when that limit is off (count 0 or RATE_LIMIT_ENABLED=false). */
  get(name: LimiterName): RateLimiterAbstract | undefined
}

/**
 * The counters live where every instance sees them: Redis when PLATFORM_REDIS_URL is set, else the
 * platform Postgres (table platform.rate_limits from migration 008 — the library is told the table
 * exists, so it never issues DDL at run time). The embedded PGlite serves one connection that every
 * platform query already queues on, and embedded mode is one instance by construction, so there the
 * counters stay in memory. A store that fails falls back to per-instance memory counters (the
 * library's insurance limiter): an outage of the counter store loosens the limit, it never turns
 * every request into a 500.
 */
async function createLimiters(): Promise<Limiters> {
  const env = getEnv()
  const policies = rateLimitPolicies(env)
  const db = await getPlatformDatabase()
  const redis = env.PLATFORM_REDIS_URL
    ? new Redis(env.PLATFORM_REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : undefined
  redis?.on('error', (error: Error) => logger.warn('rate-limit redis error', { error: error.message }))
  const store: RateLimitStore = redis ? 'redis' : db.embedded ? 'memory' : 'postgres'

  const build = (name: LimiterName, policy: LimitPolicy, index: number): RateLimiterAbstract | undefined => {
    if (policy.points <= 0) return undefined
    const base = { keyPrefix: `rl:${name}`, points: policy.points, duration: policy.windowSeconds }
    if (store === 'memory') return new RateLimiterMemory(base)
    const insuranceLimiter = new RateLimiterMemory(base)
    if (store === 'redis') return new RateLimiterRedis({ ...base, storeClient: redis, insuranceLimiter })
    return new RateLimiterPostgres({
      ...base,
      storeClient: db.pool,
      storeType: 'pool',
      schemaName: 'platform',
      tableName: 'rate_limits',
      tableCreated: true,
      // All limiters share the table; one of them sweeping expired rows is enough.
      clearExpiredByTimeout: index === 0,
      insuranceLimiter,
    })
  }
  const limiters = new Map<LimiterName, RateLimiterAbstract | undefined>()
  for (const [index, [name, policy]] of (Object.entries(policies) as [LimiterName, LimitPolicy][]).entries()) {
    limiters.set(name, build(name, policy, index))
  }
  logger.info('rate limits', { store })
  return { store, policies, redis, get: (name) => limiters.get(name) }
}

export function getLimiters(): Promise<Limiters> {
  return processSingleton('rate-limiters', () => createLimiters())
}
