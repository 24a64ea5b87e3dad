import { Client, type Notification, type PoolClient } from 'pg'
import { z } from 'zod'

import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import { getPlatformDatabase } from './database'

/** The channel migration 005's triggers notify on. */
export const PLATFORM_CHANGES_CHANNEL = 'platform_changes'

const changeSchema = z
  .object({
    table: z.enum(['members', 'organization_members', 'projects', 'database_connections', 'credentials', 'sessions']),
    op: z.enum(['INSERT', 'UPDATE', 'DELETE']),
    project_id: z.string().optional(),
    organization_id: z.string().optional(),
    user_id: z.string().optional(),
    connection_id: z.string().optional(),
    /** sessions: the revoked session and until when its tokens stay valid. */
    session_id: z.string().optional(),
    expires_at: z.string().optional(),
  })
  .strict()

/** One row change of a table that decides access, as announced by the platform database. */
export type PlatformChange = z.infer<typeof changeSchema>

/**
 * What a consumer is told: one change, or `flush` when changes may have been missed (the listener
 * reconnected, or a notification could not be read) and everything cached must be dropped.
 */
export type ChangeFeedEvent = { kind: 'change'; change: PlatformChange } | { kind: 'flush'; reason: string }
export type ChangeFeedListener = (event: ChangeFeedEvent) => void

const MIN_BACKOFF_MS = 100
const MAX_BACKOFF_MS = 5_000

/**
 * The instance's one listener on the platform database's change feed. Against a real Postgres it is a
 * dedicated `pg` client (outside the pool: a LISTEN must stay on its session) that reconnects with
 * exponential backoff and announces a `flush` after every reconnect, since NOTIFYs sent while it was
 * away are lost. The embedded PGlite (self-hosted, single instance) serves exactly one session and
 * refuses a second one, but LISTEN works on that session: there the pool's one client listens, and
 * a client the pool has to make anew listens again (with a flush).
 */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeFeedListener>()
  private client: Client | undefined
  private stopped = false
  private started = false
  private backoffMs = MIN_BACKOFF_MS
  private reconnectTimer: NodeJS.Timeout | undefined
  /** How many times the listener (re)connected; the first connect is not a flush. */
  private connects = 0
  private readonly listeningPoolClients = new WeakSet<PoolClient>()

  subscribe(listener: ChangeFeedListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * A change this process made itself, told to its own consumers at once (after the commit), so the
   * instance that made a change never serves from what it just invalidated. Other instances hear the
   * same change through NOTIFY.
   */
  announceLocalChange(change: PlatformChange): void {
    this.emit({ kind: 'change', change })
  }

  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    const db = await getPlatformDatabase()
    if (db.embedded) {
      db.pool.on('connect', (client) => void this.listenOnPoolClient(client))
      const client = await db.pool.connect()
      try {
        await this.listenOnPoolClient(client)
      } finally {
        client.release()
      }
      return
    }
    await this.connect().catch(() => this.scheduleReconnect())
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.reconnectTimer)
    const client = this.client
    this.client = undefined
    await client?.end().catch(() => undefined)
  }

  private emit(event: ChangeFeedEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        logger.error('change feed consumer failed', { error: (error as Error).message })
      }
    }
  }

  private async connect(): Promise<void> {
    const db = await getPlatformDatabase()
    const options = db.pool.options
    const client = new Client({ ...options, application_name: 'multibase-studio-change-feed' })
    client.on('notification', (message) => this.onNotification(message))
    client.on('error', (error) => {
      logger.warn('change feed connection lost', { error: error.message })
      this.dropClient(client)
    })
    client.on('end', () => this.dropClient(client))
    try {
      await client.connect()
      await client.query(`LISTEN ${PLATFORM_CHANGES_CHANNEL}`)
    } catch (error) {
      client.removeAllListeners('end')
      await client.end().catch(() => undefined)
      logger.warn('change feed could not listen', { error: (error as Error).message })
      throw error
    }
    if (this.stopped) {
      await client.end().catch(() => undefined)
      return
    }
    this.client = client
    this.backoffMs = MIN_BACKOFF_MS
    this.connects++
    if (this.connects > 1) {
      logger.info('change feed reconnected')
      this.emit({ kind: 'flush', reason: 'listener reconnected' })
    }
  }

  private async listenOnPoolClient(client: PoolClient): Promise<void> {
    if (this.listeningPoolClients.has(client)) return
    this.listeningPoolClients.add(client)
    client.on('notification', (message) => this.onNotification(message))
    try {
      await client.query(`LISTEN ${PLATFORM_CHANGES_CHANNEL}`)
    } catch (error) {
      logger.warn('change feed could not listen', { error: (error as Error).message })
    }
    this.connects++
    if (this.connects > 1) this.emit({ kind: 'flush', reason: 'platform session replaced' })
  }

  private dropClient(client: Client): void {
    if (this.client !== client) return
    this.client = undefined
    client.end().catch(() => undefined)
    // Changes made from now until the reconnect are lost: drop what is cached right away as well.
    this.emit({ kind: 'flush', reason: 'listener lost' })
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return
    const delay = this.backoffMs
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS)
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined
      this.connect().catch(() => this.scheduleReconnect())
    }, delay)
    this.reconnectTimer.unref()
  }

  private onNotification(message: Notification): void {
    if (message.channel !== PLATFORM_CHANGES_CHANNEL) return
    let change: PlatformChange
    try {
      change = changeSchema.parse(JSON.parse(message.payload ?? ''))
    } catch {
      this.emit({ kind: 'flush', reason: 'unreadable notification' })
      return
    }
    this.emit({ kind: 'change', change })
  }
}

export const getChangeFeed = () => processSingleton('platform-change-feed', () => new ChangeFeed())
