import { randomUUID } from 'node:crypto'

import { getEnv } from '../../env'
import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import { RateLimitError } from '../database/errors'
import { getPlatformDatabase } from '../platform/database'
import { getLimiters } from './limiters'

/**
 * The cap on a user's open WebSockets, counted across instances. Each open socket holds a lease
 * (a row in platform.websocket_leases, or a member of a Redis sorted set) that its instance renews;
 * a lease that is not renewed expires, so an instance that dies without closing its sockets frees
 * the user's slots within LEASE_TTL_MS. With the embedded platform database (one instance) the
 * count is kept in memory.
 */
const LEASE_TTL_MS = 60_000
const RENEW_EVERY_MS = LEASE_TTL_MS / 3
/** A refused socket may retry once a slot can have freed: a socket closing, or a lease expiring. */
const RETRY_AFTER_SECONDS = 5

export interface SocketLease {
  release(): Promise<void>
}

interface LeaseStore {
  /** Takes a slot for `id` unless the user already holds `cap`; false when refused. */
  acquire(userId: string, id: string, cap: number): Promise<boolean>
  renew(userId: string, ids: string[]): Promise<void>
  release(userId: string, id: string): Promise<void>
}

function memoryStore(): LeaseStore {
  const open = new Map<string, Set<string>>()
  return {
    async acquire(userId, id, cap) {
      const ids = open.get(userId) ?? new Set<string>()
      if (ids.size >= cap) return false
      open.set(userId, ids.add(id))
      return true
    },
    async renew() {},
    async release(userId, id) {
      const ids = open.get(userId)
      ids?.delete(id)
      if (ids?.size === 0) open.delete(userId)
    },
  }
}

function postgresStore(): LeaseStore {
  return {
    async acquire(userId, id, cap) {
      const db = await getPlatformDatabase()
      // The advisory lock serializes one user's acquisitions, so concurrent upgrades can't all see room.
      return db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('websocket-leases:' || $1))`, [userId])
        await tx.query('DELETE FROM platform.websocket_leases WHERE user_id = $1 AND expires_at <= now()', [userId])
        const [row] = await tx.query<{ open: string }>('SELECT count(*) AS open FROM platform.websocket_leases WHERE user_id = $1', [userId])
        if (Number(row?.open ?? 0) >= cap) return false
        await tx.query(
          `INSERT INTO platform.websocket_leases (id, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
          [id, userId, LEASE_TTL_MS / 1000]
        )
        return true
      })
    },
    async renew(_userId, ids) {
      const db = await getPlatformDatabase()
      await db.query(
        `UPDATE platform.websocket_leases SET expires_at = now() + make_interval(secs => $2) WHERE id = ANY($1::uuid[])`,
        [ids, LEASE_TTL_MS / 1000]
      )
    },
    async release(_userId, id) {
      const db = await getPlatformDatabase()
      await db.query('DELETE FROM platform.websocket_leases WHERE id = $1', [id])
    },
  }
}

function redisStore(redis: NonNullable<Awaited<ReturnType<typeof getLimiters>>['redis']>): LeaseStore {
  const keyOf = (userId: string) => `rl:ws:${userId}`
  return {
    async acquire(userId, id, cap) {
      const key = keyOf(userId)
      const now = Date.now()
      // Add first, then count: two racing upgrades may both be refused, never both admitted past the cap.
      const results = await redis
        .multi()
        .zremrangebyscore(key, '-inf', now)
        .zadd(key, now + LEASE_TTL_MS, id)
        .zcard(key)
        .pexpire(key, LEASE_TTL_MS)
        .exec()
      const count = Number(results?.[2]?.[1] ?? 0)
      if (count <= cap) return true
      await redis.zrem(key, id)
      return false
    },
    async renew(userId, ids) {
      const key = keyOf(userId)
      const expires = Date.now() + LEASE_TTL_MS
      await redis
        .multi()
        .zadd(key, 'XX', ...ids.flatMap((id) => [expires, id]))
        .pexpire(key, LEASE_TTL_MS)
        .exec()
    },
    async release(userId, id) {
      await redis.zrem(keyOf(userId), id)
    },
  }
}

interface LeaseRegistry {
  store: LeaseStore
  /** The leases this instance holds, renewed together. */
  held: Map<string, string>
}

async function createRegistry(): Promise<LeaseRegistry> {
  const limiters = await getLimiters()
  const store = limiters.redis ? redisStore(limiters.redis) : limiters.store === 'memory' ? memoryStore() : postgresStore()
  const held = new Map<string, string>()
  const timer = setInterval(() => {
    const byUser = new Map<string, string[]>()
    for (const [id, userId] of held) byUser.set(userId, [...(byUser.get(userId) ?? []), id])
    for (const [userId, ids] of byUser) {
      store.renew(userId, ids).catch((error: Error) => logger.warn('websocket lease renewal failed', { error: error.message }))
    }
  }, RENEW_EVERY_MS)
  timer.unref()
  return { store, held }
}

const registry = () => processSingleton('websocket-leases', () => createRegistry())

/** Takes one of the user's WebSocket slots or throws 429 RATE_LIMITED; release it when the socket closes. */
export async function acquireSocketLease(userId: string): Promise<SocketLease> {
  const cap = getEnv().RATE_LIMIT_ENABLED ? getEnv().RATE_LIMIT_WEBSOCKETS_PER_USER : 0
  if (cap <= 0) return { release: async () => undefined }
  const { store, held } = await registry()
  const id = randomUUID()
  if (!(await store.acquire(userId, id, cap))) {
    throw new RateLimitError(`At most ${cap} open WebSockets per user; close one first`, { limit: cap }, RETRY_AFTER_SECONDS)
  }
  held.set(id, userId)
  let released = false
  return {
    async release() {
      if (released) return
      released = true
      held.delete(id)
      await store.release(userId, id).catch((error: Error) => logger.warn('websocket lease release failed', { error: error.message }))
    },
  }
}
