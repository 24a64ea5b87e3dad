import { z } from 'zod'

/** Bulk delete: every key matching a SCAN pattern, unlinked in batches by a background job. */
export const redisBulkDeleteBodySchema = z
  .object({
    pattern: z.string().min(1).max(1024),
    /** SCAN COUNT per batch; progress is reported and cancellation checked once per batch. */
    batchSize: z.number().int().min(10).max(10_000).default(1000),
  })
  .strict()
export type RedisBulkDeleteBody = z.infer<typeof redisBulkDeleteBodySchema>

export interface RedisBulkDeleteProgress {
  pattern: string
  scanned: number
  deleted: number
  batches: number
  /** true once SCAN came back to cursor 0. */
  finished: boolean
}

export const PUBSUB_CHANNELS_MAX = 1000

export const redisPubSubChannelsQuerySchema = z.object({
  pattern: z.string().min(1).max(1024).default('*'),
  connectionId: z.string().uuid().optional(),
})

export const redisPubSubChannelsSchema = z.object({
  channels: z.array(z.object({ name: z.string(), subscribers: z.number().int() })),
  /** PUBSUB NUMPAT: pattern subscriptions on the server (all clients), not per channel. */
  patternSubscriptions: z.number().int(),
  truncated: z.boolean(),
})
export type RedisPubSubChannels = z.infer<typeof redisPubSubChannelsSchema>

export const redisPublishBodySchema = z
  .object({
    channel: z.string().min(1).max(1024),
    message: z.string().max(1024 * 1024),
    /** base64 for binary payloads; the message is sent as raw bytes. */
    encoding: z.enum(['utf8', 'base64']).default('utf8'),
  })
  .strict()
export type RedisPublishBody = z.infer<typeof redisPublishBodySchema>
export const redisPublishResultSchema = z.object({ receivers: z.number().int() })

/** WebSocket subprotocol of the pub/sub gateway; the access token travels as a second protocol. */
export const PUBSUB_PROTOCOL = 'multibase.pubsub.v1'
/** Prefix of the protocol entry carrying the access token, base64url-encoded. */
export const PUBSUB_TOKEN_PROTOCOL_PREFIX = 'base64url.bearer.'

export const pubSubLimitsDefaults = {
  maxQueueMessages: 10_000,
  maxQueueBytes: 4 * 1024 * 1024,
  maxLagMs: 30_000,
} as const

/** Query of the upgrade URL. A viewer may only tighten the server's limits, never widen them. */
export const redisPubSubSubscribeQuerySchema = z.object({
  connectionId: z.string().uuid().optional(),
  maxQueueMessages: z.coerce.number().int().min(1).max(pubSubLimitsDefaults.maxQueueMessages).default(pubSubLimitsDefaults.maxQueueMessages),
  maxQueueBytes: z.coerce.number().int().min(1024).max(pubSubLimitsDefaults.maxQueueBytes).default(pubSubLimitsDefaults.maxQueueBytes),
  maxLagMs: z.coerce.number().int().min(100).max(pubSubLimitsDefaults.maxLagMs).default(pubSubLimitsDefaults.maxLagMs),
})

const names = z.array(z.string().min(1).max(1024)).max(100).default([])

/** What a viewer sends. */
export const pubSubClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), channels: names, patterns: names }).strict(),
  z.object({ type: z.literal('unsubscribe'), channels: names, patterns: names }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
  /** Asks for the viewer's own buffer figures (answered with `stats`). */
  z.object({ type: z.literal('stats') }).strict(),
])
export type PubSubClientMessage = z.infer<typeof pubSubClientMessageSchema>

/** One published message as delivered; binary channel names or payloads come base64-encoded. */
export interface PubSubDelivery {
  channel: string
  message: string
  pattern?: string
  encoding?: 'base64'
  channelEncoding?: 'base64'
}

/** What the gateway sends. Messages always come in batches (one frame may carry several). */
export type PubSubServerMessage =
  | { type: 'ready'; limits: { maxQueueMessages: number; maxQueueBytes: number; maxLagMs: number; bufferCapBytes: number } }
  | { type: 'subscribed'; channels: string[]; patterns: string[] }
  | { type: 'messages'; messages: PubSubDelivery[] }
  /** Sent before the next batch once a viewer fell behind: `count` messages were dropped (oldest first). */
  | { type: 'dropped'; count: number; totalDropped: number; peakBufferedBytes: number; bufferCapBytes: number }
  | { type: 'connection'; state: 'reconnecting' }
  /** Redis came back and every subscription was renewed; messages published meanwhile are lost. */
  | { type: 'resubscribed'; gap: true }
  | { type: 'pong' }
  | {
      type: 'stats'
      queuedMessages: number
      queuedBytes: number
      socketBufferedBytes: number
      /** Highest queued + socket-buffered bytes seen for this viewer; never above bufferCapBytes. */
      peakBufferedBytes: number
      bufferCapBytes: number
      totalDropped: number
    }
  | { type: 'error'; code: string; message: string }

/** Close codes of the gateway. */
export const PUBSUB_CLOSE_CODES = {
  /** The viewer stayed behind longer than its maxLagMs while messages were being dropped. */
  tooSlow: 4008,
  /** The access token the viewer connected with has expired; reconnect with a fresh one. */
  tokenExpired: 4401,
  /** The caller lost read access to the project or its connection (member removed, role lowered, connection changed). */
  forbidden: 4403,
  /** The gateway or the Studio is shutting down. */
  goingAway: 1001,
} as const
