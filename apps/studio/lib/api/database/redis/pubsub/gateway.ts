import { pubSubClientMessageSchema, PUBSUB_CLOSE_CODES, type PubSubClientMessage } from '@multibase/api-contracts'
import type { WebSocket } from 'ws'

import { getEnv } from '../../../../env'
import { processSingleton } from '../../../../singleton'
import type { ChangeFeedEvent } from '../../../platform/change-feed'
import type { ConnectionRow, ProjectRef } from '../../../platform/connections'
import { DatabaseError } from '../../errors'
import { poolIdentity, resolveConnectionConfig } from '../../helpers'
import type { RedisConfig } from '../../types'
import { SharedSubscriber } from './shared-subscriber'
import { Viewer, type ViewerLimits } from './viewer'
import { eventAffectsGrant, reauthorizeViewers, type ViewerGrant } from './viewer-grants'

/** A viewer that answers no WebSocket ping within this interval is gone and is dropped. */
const HEARTBEAT_INTERVAL_MS = 30_000
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1

/**
 * All pub/sub viewers of this Studio instance: one shared subscriber per Redis connection (keyed by
 * project, connection and the row's version, so an edited connection gets a fresh subscriber), the
 * viewers attached to it, and a heartbeat that drops dead sockets. Each viewer keeps what it was
 * let in on (its grant); a change-feed event touching it, and a periodic sweep in case a
 * notification was lost, re-check that grant and close the viewer with 4403 when it no longer holds.
 */
export class PubSubGateway {
  private readonly subscribers = new Map<string, SharedSubscriber>()
  private readonly creating = new Map<string, Promise<SharedSubscriber>>()
  private readonly alive = new WeakSet<WebSocket>()
  private heartbeat: NodeJS.Timeout | undefined
  private readonly grants = new Map<Viewer, ViewerGrant>()
  private reauthorizeTimer: NodeJS.Timeout | undefined

  /** The connection's subscriber, connected; throws (503) when Redis cannot be reached. */
  async subscriberFor(project: ProjectRef, row: ConnectionRow): Promise<SharedSubscriber> {
    const identity = poolIdentity(project, row)
    const key = `${identity.projectId}:${identity.connectionId}:${identity.version}`
    const existing = this.subscribers.get(key)
    if (existing && !existing.isClosed) return existing
    const pending = this.creating.get(key)
    if (pending) {
      // The creator may have closed it again (its handshake failed): then start over.
      const created = await pending
      return created.isClosed ? this.subscriberFor(project, row) : created
    }
    const creation = (async () => {
      const config = (await resolveConnectionConfig(project, row)) as RedisConfig
      const subscriber = new SharedSubscriber(key, config, (closed) => {
        if (this.subscribers.get(key) === closed) this.subscribers.delete(key)
      })
      await subscriber.connect()
      this.subscribers.set(key, subscriber)
      return subscriber
    })().finally(() => this.creating.delete(key))
    this.creating.set(key, creation)
    return creation
  }

  /** Wires an accepted WebSocket to its subscriber and serves its subscribe/unsubscribe messages. */
  attach(subscriber: SharedSubscriber, socket: WebSocket, limits: ViewerLimits, grant: ViewerGrant, tokenExpiresAt?: number): Viewer {
    const viewer = new Viewer(socket, limits)
    this.grants.set(viewer, grant)
    this.startReauthorizing()
    // A subscription lives no longer than the token that opened it.
    // (Timers cannot wait beyond ~24.8 days; a token valid that long is not cut short.)
    const untilExpiry = tokenExpiresAt === undefined ? Infinity : Math.max(0, tokenExpiresAt - Date.now())
    const expiry =
      untilExpiry <= MAX_TIMER_DELAY_MS
        ? setTimeout(() => viewer.close(PUBSUB_CLOSE_CODES.tokenExpired, 'Access token expired'), untilExpiry)
        : undefined
    subscriber.addViewer(viewer)
    this.alive.add(socket)
    this.startHeartbeat()
    socket.on('pong', () => this.alive.add(socket))
    socket.on('close', () => {
      clearTimeout(expiry)
      this.grants.delete(viewer)
      viewer.close(PUBSUB_CLOSE_CODES.goingAway, 'closed')
      subscriber.removeViewer(viewer)
    })
    socket.on('error', () => socket.terminate())
    socket.on('message', (data, isBinary) => void this.onClientMessage(subscriber, viewer, data.toString(), isBinary))
    viewer.send({ type: 'ready', limits: { ...limits, bufferCapBytes: viewer.bufferCapBytes } })
    // Joining a subscriber whose Redis is down right now: say so, as its other viewers were told.
    if (!subscriber.isConnected) viewer.send({ type: 'connection', state: 'reconnecting' })
    return viewer
  }

  private async onClientMessage(subscriber: SharedSubscriber, viewer: Viewer, text: string, isBinary: boolean): Promise<void> {
    let message: PubSubClientMessage
    try {
      if (isBinary) throw new Error('binary frames are not accepted')
      message = pubSubClientMessageSchema.parse(JSON.parse(text))
    } catch {
      viewer.send({ type: 'error', code: 'INVALID_MESSAGE', message: 'Send {"type":"subscribe"|"unsubscribe","channels":[...],"patterns":[...]}, {"type":"ping"} or {"type":"stats"}' })
      return
    }
    try {
      if (message.type === 'ping') return viewer.reply({ type: 'pong' })
      if (message.type === 'stats') return viewer.reply(viewer.stats())
      if (message.type === 'subscribe') await subscriber.subscribe(viewer, message.channels, message.patterns)
      else await subscriber.unsubscribe(viewer, message.channels, message.patterns)
      viewer.send({ type: 'subscribed', channels: [...viewer.channels], patterns: [...viewer.patterns] })
    } catch (error) {
      const known = error instanceof DatabaseError ? error : undefined
      viewer.send({ type: 'error', code: known?.code ?? 'SUBSCRIBE_FAILED', message: known?.message ?? 'The subscription could not be changed' })
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return
    this.heartbeat = setInterval(() => {
      for (const subscriber of this.subscribers.values()) {
        for (const viewer of subscriber.viewers) {
          if (!this.alive.has(viewer.socket)) {
            viewer.socket.terminate()
            continue
          }
          this.alive.delete(viewer.socket)
          viewer.socket.ping()
        }
      }
    }, HEARTBEAT_INTERVAL_MS)
    this.heartbeat.unref()
  }

  /** A change-feed event: re-check the viewers it may concern (all of them on a flush). */
  onFeedEvent(event: ChangeFeedEvent): Promise<void> {
    const affected = [...this.grants].filter(([, grant]) => eventAffectsGrant(event, grant))
    return affected.length > 0 ? reauthorizeViewers(affected) : Promise.resolve()
  }

  private startReauthorizing(): void {
    if (this.reauthorizeTimer) return
    this.reauthorizeTimer = setInterval(() => {
      if (this.grants.size > 0) void reauthorizeViewers([...this.grants])
    }, getEnv().PUBSUB_REAUTH_INTERVAL_MS)
    this.reauthorizeTimer.unref()
  }

  /** Shutdown: every viewer is told the server is going away and every subscriber disconnects. */
  closeAll(): void {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = undefined
    if (this.reauthorizeTimer) clearInterval(this.reauthorizeTimer)
    this.reauthorizeTimer = undefined
    for (const subscriber of [...this.subscribers.values()]) {
      for (const viewer of [...subscriber.viewers]) viewer.close(PUBSUB_CLOSE_CODES.goingAway, 'Studio instance shutting down; reconnect')
      subscriber.close()
    }
  }
}

export const getPubSubGateway = () => processSingleton('redis-pubsub-gateway', () => new PubSubGateway())
