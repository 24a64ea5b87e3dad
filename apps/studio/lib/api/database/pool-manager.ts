import { createPool, type Pool } from 'generic-pool'
import type { DatabaseType } from '@multibase/api-contracts'

import { getEnv } from '../../env'
import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import { createDatabaseClient } from './client'
import { mapDriverError } from './driver-errors'
import { ConnectionError, DatabaseError } from './errors'
import type { DatabaseClient, ResolvedConnectionConfig } from './types'

/** After a failed connect, new connects to the same server wait this long: no busy retry loop. */
const CREATE_RETRY_DELAY_MS = 250

export interface PoolStats {
  key: string
  type: DatabaseType
  connectionId: string
  size: number
  available: number
  borrowed: number
  pending: number
  max: number
}

interface PoolEntry {
  key: string
  type: DatabaseType
  connectionId: string
  version: string
  pool: Pool<DatabaseClient>
  secrets: Array<string | undefined>
  lastCreateFailure?: { at: number; error: DatabaseError }
  /** Callers waiting in `acquire`; a failed connect rejects them at once instead of at the timeout. */
  waiters: Set<(error: DatabaseError) => void>
}

/** Which of a connection's logins a pool uses: the main one, or the Postgres read-only one. */
export type ConnectionLogin = 'main' | 'read_only'

export interface PoolIdentity {
  projectId: string
  type: DatabaseType
  connectionId: string
  /** Absent means the main login. A read-only login gets a pool of its own, never shared. */
  login?: ConnectionLogin
  /** Changes whenever the connection row changes (its updated_at); a new version replaces the pool. */
  version: string
}

/**
 * Runs on every new physical client before the pool hands it out; throwing refuses the client (it is
 * closed and the error answers the waiting requests).
 */
export type VerifyNewClient = (client: DatabaseClient) => Promise<void>

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Pools of clients to user databases, one generic-pool per `{projectId}:{type}:{connectionId}` (with
 * `:read_only` appended for a connection's read-only login).
 * Clients are validated cheaply on borrow, idle ones are evicted, a client whose connection broke is
 * destroyed rather than returned, and a pool whose connection row changed is drained and replaced —
 * on whichever instance notices, since the version comes from the platform database.
 */
export class PoolManager {
  private readonly entries = new Map<string, PoolEntry>()
  private readonly creating = new Map<string, Promise<PoolEntry>>()

  static keyOf(identity: Pick<PoolIdentity, 'projectId' | 'type' | 'connectionId' | 'login'>): string {
    const base = `${identity.projectId}:${identity.type}:${identity.connectionId}`
    return identity.login === 'read_only' ? `${base}:read_only` : base
  }

  private newEntry(identity: PoolIdentity, config: ResolvedConnectionConfig, verify?: VerifyNewClient): PoolEntry {
    const env = getEnv()
    const key = PoolManager.keyOf(identity)
    const entry: PoolEntry = {
      key,
      type: identity.type,
      connectionId: identity.connectionId,
      version: identity.version,
      secrets: [config.password],
      waiters: new Set(),
      pool: undefined as unknown as Pool<DatabaseClient>,
    }
    entry.pool = createPool<DatabaseClient>(
      {
        create: async () => {
          const failure = entry.lastCreateFailure
          if (failure) await sleep(Math.max(0, failure.at + CREATE_RETRY_DELAY_MS - Date.now()))
          const client = createDatabaseClient(config)
          try {
            await client.connect()
            if (verify) await verify(client)
            entry.lastCreateFailure = undefined
            return client
          } catch (raw) {
            await client.disconnect().catch(() => undefined)
            const error = mapDriverError(identity.type, raw, entry.secrets)
            entry.lastCreateFailure = { at: Date.now(), error }
            for (const reject of entry.waiters) reject(error)
            throw error
          }
        },
        destroy: (client) => client.disconnect().catch(() => undefined),
        validate: async (client) => client.healthy(),
      },
      {
        max: env.POOL_MAX_CLIENTS,
        min: 0,
        maxWaitingClients: env.POOL_MAX_WAITING,
        acquireTimeoutMillis: env.POOL_ACQUIRE_TIMEOUT_MS,
        idleTimeoutMillis: env.POOL_IDLE_TIMEOUT_MS,
        evictionRunIntervalMillis: env.POOL_EVICTION_INTERVAL_MS,
        testOnBorrow: true,
        autostart: false,
      }
    )
    entry.pool.on('factoryCreateError', () => undefined)
    return entry
  }

  private async entryFor(
    identity: PoolIdentity,
    loadConfig: () => Promise<ResolvedConnectionConfig>,
    verify?: VerifyNewClient
  ): Promise<PoolEntry> {
    const key = PoolManager.keyOf(identity)
    const existing = this.entries.get(key)
    if (existing && existing.version === identity.version) return existing
    const pending = this.creating.get(key)
    if (pending) return pending
    const creation = (async () => {
      if (existing) await this.close(existing)
      const entry = this.newEntry(identity, await loadConfig(), verify)
      this.entries.set(key, entry)
      return entry
    })().finally(() => this.creating.delete(key))
    this.creating.set(key, creation)
    return creation
  }

  private async acquireFrom(entry: PoolEntry): Promise<DatabaseClient> {
    const failure = entry.lastCreateFailure
    if (failure && entry.pool.available === 0 && Date.now() - failure.at < CREATE_RETRY_DELAY_MS) throw failure.error
    let rejectWaiter: (error: DatabaseError) => void = () => undefined
    const failed = new Promise<never>((_, reject) => {
      rejectWaiter = reject
    })
    entry.waiters.add(rejectWaiter)
    const acquisition = entry.pool.acquire()
    try {
      return await Promise.race([acquisition, failed])
    } catch (error) {
      // A caller that gave up must not strand the client its request may still receive later.
      acquisition.then((client) => entry.pool.release(client)).catch(() => undefined)
      if (error instanceof DatabaseError) throw error
      // A timeout while clients are still free to create means the server is slow to accept a
      // connection, not that the pool is full.
      if ((error as Error)?.name === 'TimeoutError' && entry.pool.borrowed < entry.pool.max) {
        throw new ConnectionError(`The ${entry.type} server did not accept a connection in time`, 'DATABASE_UNAVAILABLE')
      }
      const reason = (error as Error)?.name === 'TimeoutError' ? 'timed out waiting for a free client' : 'has too many waiting requests'
      // Busy clients come back within a query's time; one second is a fair first retry.
      throw new ConnectionError(`The connection pool ${reason}; try again shortly`, 'POOL_EXHAUSTED', undefined, 1)
    } finally {
      entry.waiters.delete(rejectWaiter)
    }
  }

  /**
   * Borrows a client, runs `fn`, and always gives the client back — destroyed instead of released
   * when the failure says its connection is gone. Driver errors come out mapped and redacted.
   */
  async withClient<T>(
    identity: PoolIdentity,
    loadConfig: () => Promise<ResolvedConnectionConfig>,
    fn: (client: DatabaseClient) => Promise<T>,
    verify?: VerifyNewClient
  ): Promise<T> {
    const entry = await this.entryFor(identity, loadConfig, verify)
    const client = await this.acquireFrom(entry)
    try {
      const result = await fn(client)
      await entry.pool.release(client)
      return result
    } catch (raw) {
      const error = mapDriverError(identity.type, raw, entry.secrets)
      if (error instanceof ConnectionError || !client.healthy()) await entry.pool.destroy(client).catch(() => undefined)
      else await entry.pool.release(client).catch(() => undefined)
      throw error
    }
  }

  private async close(entry: PoolEntry): Promise<void> {
    if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key)
    try {
      await entry.pool.drain()
      await entry.pool.clear()
    } catch (error) {
      logger.warn('pool drain failed', { key: entry.key, error: (error as Error).message })
    }
  }

  /** Closes every pool of a connection (after it was edited or deleted). */
  async closeConnection(connectionId: string): Promise<void> {
    const matching = [...this.entries.values()].filter((entry) => entry.connectionId === connectionId)
    await Promise.all(matching.map((entry) => this.close(entry)))
  }

  stats(projectId?: string): PoolStats[] {
    return [...this.entries.values()]
      .filter((entry) => !projectId || entry.key.startsWith(`${projectId}:`))
      .map((entry) => ({
        key: entry.key,
        type: entry.type,
        connectionId: entry.connectionId,
        size: entry.pool.size,
        available: entry.pool.available,
        borrowed: entry.pool.borrowed,
        pending: entry.pool.pending,
        max: entry.pool.max,
      }))
  }

  /** Graceful shutdown: waits for borrowed clients to come back, then closes everything. */
  async drainAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => this.close(entry)))
  }
}

export const getPoolManager = () => processSingleton('pool-manager', () => new PoolManager())
