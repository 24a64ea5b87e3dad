import Redis from 'ioredis'

import { logger } from '../../../../logger'
import { mapDriverError } from '../../driver-errors'
import { ValidationError } from '../../errors'
import { redisConnectionOptions } from '../../redis-client'
import type { RedisConfig } from '../../types'
import { serializeDelivery } from './delivery'
import type { Viewer } from './viewer'

/** Channels plus patterns one viewer may hold at once. */
const MAX_SUBSCRIPTIONS_PER_VIEWER = 200
const RECONNECT_MAX_DELAY_MS = 2000

type Kind = 'channel' | 'pattern'

/**
 * The one Redis subscriber connection of a Studio connection, shared by all its viewers. Subscription
 * is reference-counted: SUBSCRIBE/PSUBSCRIBE goes to Redis when the first viewer asks for a name and
 * UNSUBSCRIBE/PUNSUBSCRIBE when the last one leaves. Each message is serialized once and handed to
 * the viewers of its channel or pattern.
 *
 * A subscriber connection cannot come from the pool (it can run nothing but subscription commands), so
 * it is a dedicated ioredis built from the same resolved config. Unlike pooled clients it reconnects
 * with a capped backoff; ioredis's own resubscribe is off because after a restart we renew every
 * subscription ourselves and then tell the viewers there may be a gap.
 */
export class SharedSubscriber {
  readonly viewers = new Set<Viewer>()
  private readonly redis: Redis
  private readonly byKind: Record<Kind, Map<string, Set<Viewer>>> = { channel: new Map(), pattern: new Map() }
  /** SUBSCRIBE/PSUBSCRIBE commands in flight, so a second viewer waits for the first one's. */
  private readonly pending: Record<Kind, Map<string, Promise<unknown>>> = { channel: new Map(), pattern: new Map() }
  private readonly secrets: Array<string | undefined>
  private everReady = false
  private connected = false
  private closed = false

  constructor(
    readonly key: string,
    config: RedisConfig,
    private readonly onEmpty: (subscriber: SharedSubscriber) => void
  ) {
    this.redis = new Redis({
      ...redisConnectionOptions(config),
      lazyConnect: true,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // No retries before the first success: a bad address must refuse the upgrade, not loop.
      retryStrategy: (times) => (this.everReady && !this.closed ? Math.min(100 * times, RECONNECT_MAX_DELAY_MS) : null),
      connectionName: 'multibase-studio-pubsub',
    })
    const secrets = [config.password]
    this.redis.on('error', (error) => logger.debug('pubsub subscriber error', { error: mapDriverError('redis', error, secrets).message }))
    this.redis.on('close', () => this.onConnectionLost())
    this.redis.on('ready', () => void this.onReady())
    this.redis.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const viewers = this.byKind.channel.get(channel.toString())
      if (!viewers) return
      const delivery = serializeDelivery(channel, message)
      for (const viewer of viewers) viewer.deliver(delivery)
    })
    this.redis.on('pmessageBuffer', (pattern: string, channel: Buffer, message: Buffer) => {
      const viewers = this.byKind.pattern.get(pattern)
      if (!viewers) return
      const delivery = serializeDelivery(channel, message, pattern)
      for (const viewer of viewers) viewer.deliver(delivery)
    })
    this.secrets = secrets
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** false while the connection is down and being re-established. */
  get isConnected(): boolean {
    return this.connected
  }

  /** First connection; fails (mapped, redacted) when Redis cannot be reached. */
  async connect(): Promise<void> {
    try {
      await this.redis.connect()
    } catch (error) {
      this.closed = true
      this.redis.disconnect()
      throw mapDriverError('redis', error, this.secrets)
    }
  }

  addViewer(viewer: Viewer): void {
    this.viewers.add(viewer)
  }

  /** Drops every subscription of a viewer that left; the last viewer closes the connection. */
  removeViewer(viewer: Viewer): void {
    if (!this.viewers.delete(viewer)) return
    void this.unsubscribe(viewer, [...viewer.channels], [...viewer.patterns]).catch(() => undefined)
    if (this.viewers.size === 0) this.close()
  }

  async subscribe(viewer: Viewer, channels: string[], patterns: string[]): Promise<void> {
    const adding = [...new Set(channels)].filter((name) => !viewer.channels.has(name)).length +
      [...new Set(patterns)].filter((name) => !viewer.patterns.has(name)).length
    if (viewer.channels.size + viewer.patterns.size + adding > MAX_SUBSCRIPTIONS_PER_VIEWER) {
      throw new ValidationError(`A viewer may hold at most ${MAX_SUBSCRIPTIONS_PER_VIEWER} channels and patterns`, undefined, 'TOO_MANY_SUBSCRIPTIONS')
    }
    await Promise.all([this.add(viewer, 'channel', channels), this.add(viewer, 'pattern', patterns)])
  }

  async unsubscribe(viewer: Viewer, channels: string[], patterns: string[]): Promise<void> {
    await Promise.all([this.remove(viewer, 'channel', channels), this.remove(viewer, 'pattern', patterns)])
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.redis.disconnect()
    this.onEmpty(this)
  }

  private async add(viewer: Viewer, kind: Kind, names: string[]): Promise<void> {
    const owned = kind === 'channel' ? viewer.channels : viewer.patterns
    const first: string[] = []
    const waits: Promise<unknown>[] = []
    for (const name of new Set(names)) {
      if (owned.has(name)) continue
      owned.add(name)
      let viewers = this.byKind[kind].get(name)
      if (!viewers) {
        viewers = new Set()
        this.byKind[kind].set(name, viewers)
        first.push(name)
      } else {
        const inFlight = this.pending[kind].get(name)
        if (inFlight) waits.push(inFlight)
      }
      viewers.add(viewer)
    }
    if (first.length > 0 && this.connected) {
      const command = kind === 'channel' ? this.redis.subscribe(...first) : this.redis.psubscribe(...first)
      for (const name of first) this.pending[kind].set(name, command)
      waits.push(
        command.finally(() => {
          for (const name of first) if (this.pending[kind].get(name) === command) this.pending[kind].delete(name)
        })
      )
    }
    try {
      await Promise.all(waits)
    } catch (error) {
      // Lost the connection meanwhile: the subscriptions stand and are renewed on reconnect.
      if (this.connected) throw mapDriverError('redis', error, this.secrets)
    }
  }

  private async remove(viewer: Viewer, kind: Kind, names: string[]): Promise<void> {
    const owned = kind === 'channel' ? viewer.channels : viewer.patterns
    const last: string[] = []
    for (const name of new Set(names)) {
      if (!owned.delete(name)) continue
      const viewers = this.byKind[kind].get(name)
      viewers?.delete(viewer)
      if (viewers && viewers.size === 0) {
        this.byKind[kind].delete(name)
        last.push(name)
      }
    }
    if (last.length === 0 || !this.connected || this.closed) return
    try {
      await (kind === 'channel' ? this.redis.unsubscribe(...last) : this.redis.punsubscribe(...last))
    } catch (error) {
      if (this.connected) throw mapDriverError('redis', error, this.secrets)
    }
  }

  private onConnectionLost(): void {
    if (!this.connected) return
    this.connected = false
    if (this.closed) return
    logger.warn('pubsub subscriber lost its Redis connection', { key: this.key })
    for (const viewer of this.viewers) viewer.send({ type: 'connection', state: 'reconnecting' })
  }

  private async onReady(): Promise<void> {
    this.connected = true
    if (!this.everReady) {
      this.everReady = true
      return
    }
    const channels = [...this.byKind.channel.keys()]
    const patterns = [...this.byKind.pattern.keys()]
    try {
      if (channels.length > 0) await this.redis.subscribe(...channels)
      if (patterns.length > 0) await this.redis.psubscribe(...patterns)
    } catch (error) {
      // The connection dropped again; the next 'ready' renews everything once more.
      logger.warn('pubsub resubscribe failed', { key: this.key, error: mapDriverError('redis', error, this.secrets).message })
      return
    }
    logger.info('pubsub subscriber resubscribed', { key: this.key, channels: channels.length, patterns: patterns.length })
    for (const viewer of this.viewers) viewer.send({ type: 'resubscribed', gap: true })
  }
}
