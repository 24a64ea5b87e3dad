import {
  PUBSUB_CLOSE_CODES,
  PUBSUB_PROTOCOL,
  PUBSUB_TOKEN_PROTOCOL_PREFIX,
  type PubSubClientMessage,
  type PubSubServerMessage,
} from '@multibase/api-contracts'
import { useCallback, useEffect, useRef, useState } from 'react'

import { buildUrl, getAccessToken } from '../fetchers'
import { pubSubPath } from './keys'
import { getRedisPubSubChannels } from './pubsub-channels-query'

/** What the live list holds: received messages, and notices about what happened to the stream. */
export type PubSubEntry =
  | {
      kind: 'message'
      seq: number
      receivedAt: number
      channel: string
      message: string
      /** The pattern subscription that matched, when it came through one. */
      pattern?: string
      /** The payload (or channel name) was not UTF-8 and is shown as base64. */
      binary: boolean
      channelBinary: boolean
    }
  | { kind: 'notice'; seq: number; receivedAt: number; tone: 'info' | 'warning' | 'error'; text: string }

export type PubSubSocketState =
  /** Opening the WebSocket (first time or again after a loss). */
  | 'connecting'
  | 'open'
  /** The Studio is connected but its Redis subscriber lost Redis and is reconnecting. */
  | 'redis-reconnecting'
  /** The WebSocket closed or was refused; another attempt is scheduled. */
  | 'waiting-to-retry'

export interface PubSubBounds {
  /** Most entries kept; older ones are dropped (and counted) first. */
  maxEntries: number
  /** Most bytes of channel names and payloads kept (UTF-16 length × 2). */
  maxBytes: number
}

export const DEFAULT_PUBSUB_BOUNDS: PubSubBounds = { maxEntries: 5_000, maxBytes: 16 * 1024 * 1024 }

/** Delays between attempts to open the socket again; the last one repeats. */
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000]
/** How often received messages are handed to React: a burst renders once, not once per message. */
const FLUSH_INTERVAL_MS = 50
/** The gateway accepts at most this many names per subscribe message. */
const NAMES_PER_MESSAGE = 100

interface Counters {
  /** Messages received since the last clear. */
  received: number
  /** Messages the gateway reported dropped for this viewer since the last clear. */
  droppedByServer: number
  /** Messages this page dropped to stay within its bounds since the last clear. */
  droppedByViewer: number
  /** Messages received while paused (not yet shown). */
  arrivedWhilePaused: number
}

const zeroCounters: Counters = { received: 0, droppedByServer: 0, droppedByViewer: 0, arrivedWhilePaused: 0 }

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  // A protocol entry must be an HTTP token: no '=', '+' or '/'.
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function entryBytes(entry: PubSubEntry): number {
  return entry.kind === 'message' ? (entry.channel.length + entry.message.length + (entry.pattern?.length ?? 0)) * 2 : entry.text.length * 2
}

function chunks(names: string[]): string[][] {
  const result: string[][] = []
  for (let start = 0; start < names.length; start += NAMES_PER_MESSAGE) result.push(names.slice(start, start + NAMES_PER_MESSAGE))
  return result
}

const timeOf = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour12: false })

/**
 * One pub/sub WebSocket for the page: subscriptions that survive reconnects, a bounded in-memory list of
 * what arrived (oldest dropped first, counted), notices for gaps and drops, pause and clear. The access
 * token is offered as a `Sec-WebSocket-Protocol` entry (never in the URL); self-hosted mode has none and
 * the gateway treats the caller as the local user.
 */
export function useRedisPubSubSubscription({
  ref,
  connectionId,
  paused,
  bounds = DEFAULT_PUBSUB_BOUNDS,
}: {
  ref: string | undefined
  connectionId: string | undefined
  paused: boolean
  bounds?: PubSubBounds
}) {
  const [state, setState] = useState<PubSubSocketState>('connecting')
  const [entries, setEntries] = useState<PubSubEntry[]>([])
  const [counters, setCounters] = useState<Counters>(zeroCounters)
  const [subscriptions, setSubscriptions] = useState<{ channels: string[]; patterns: string[] }>({ channels: [], patterns: [] })

  const socketRef = useRef<WebSocket | undefined>(undefined)
  /** What the page wants to be subscribed to; sent again after every reconnect. */
  const wanted = useRef({ channels: new Set<string>(), patterns: new Set<string>() })
  /** What the gateway last confirmed (its `subscribed` answer). */
  const confirmed = useRef<{ channels: string[]; patterns: string[] }>({ channels: [], patterns: [] })
  const buffer = useRef<PubSubEntry[]>([])
  const bufferBytes = useRef(0)
  const countersRef = useRef<Counters>({ ...zeroCounters })
  const seq = useRef(0)
  const dirty = useRef(false)
  const pausedRef = useRef(paused)
  const boundsRef = useRef(bounds)
  boundsRef.current = bounds

  const flush = useCallback(() => {
    const { maxEntries, maxBytes } = boundsRef.current
    const list = buffer.current
    let evict = 0
    while (list.length - evict > maxEntries || (bufferBytes.current > maxBytes && list.length - evict > 1)) {
      const dropped = list[evict]
      bufferBytes.current -= entryBytes(dropped)
      if (dropped.kind === 'message') countersRef.current.droppedByViewer += 1
      evict += 1
    }
    if (evict > 0) list.splice(0, evict)
    setCounters({ ...countersRef.current })
    if (!pausedRef.current) setEntries(list.slice())
    dirty.current = false
  }, [])

  const append = useCallback((entry: PubSubEntry) => {
    buffer.current.push(entry)
    bufferBytes.current += entryBytes(entry)
    dirty.current = true
  }, [])

  const notice = useCallback(
    (tone: 'info' | 'warning' | 'error', text: string) => append({ kind: 'notice', seq: ++seq.current, receivedAt: Date.now(), tone, text }),
    [append]
  )

  useEffect(() => {
    const timer = setInterval(() => {
      if (dirty.current) flush()
    }, FLUSH_INTERVAL_MS)
    return () => clearInterval(timer)
  }, [flush])

  useEffect(() => {
    pausedRef.current = paused
    if (!paused) {
      countersRef.current.arrivedWhilePaused = 0
      flush()
    }
  }, [paused, flush])

  const send = useCallback((message: PubSubClientMessage) => {
    const socket = socketRef.current
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
  }, [])

  const sendSubscriptions = useCallback(
    (type: 'subscribe' | 'unsubscribe', channels: string[], patterns: string[]) => {
      for (const part of chunks(channels)) send({ type, channels: part, patterns: [] })
      for (const part of chunks(patterns)) send({ type, channels: [], patterns: part })
    },
    [send]
  )

  useEffect(() => {
    if (!ref || !connectionId) return
    let disposed = false
    let attempt = 0
    let retryTimer: ReturnType<typeof setTimeout> | undefined
    /** When the last open socket was lost; messages published after it may be missing. */
    let lostAt: number | undefined
    /** When the gateway said its Redis subscriber lost Redis. */
    let redisLostAt: number | undefined

    const onServerMessage = (data: PubSubServerMessage) => {
      switch (data.type) {
        case 'messages':
          for (const delivery of data.messages) {
            countersRef.current.received += 1
            if (pausedRef.current) countersRef.current.arrivedWhilePaused += 1
            append({
              kind: 'message',
              seq: ++seq.current,
              receivedAt: Date.now(),
              channel: delivery.channel,
              message: delivery.message,
              pattern: delivery.pattern,
              binary: delivery.encoding === 'base64',
              channelBinary: delivery.channelEncoding === 'base64',
            })
          }
          break
        case 'subscribed':
          confirmed.current = { channels: data.channels, patterns: data.patterns }
          wanted.current = { channels: new Set(data.channels), patterns: new Set(data.patterns) }
          setSubscriptions({ channels: data.channels, patterns: data.patterns })
          break
        case 'dropped':
          countersRef.current.droppedByServer += data.count
          notice(
            'warning',
            `${data.count.toLocaleString('en-US')} message${data.count === 1 ? '' : 's'} dropped by the Studio before reaching this page (its queue for this viewer was full, or a message was larger than the queue).`
          )
          break
        case 'connection':
          setState('redis-reconnecting')
          redisLostAt ??= Date.now()
          notice('warning', 'The Studio lost its connection to Redis and is reconnecting.')
          break
        case 'resubscribed':
          setState('open')
          notice(
            'warning',
            `Redis is back, subscriptions renewed: messages ${redisLostAt === undefined ? 'published meanwhile' : `of ${timeOf(redisLostAt)}–${timeOf(Date.now())}`} are lost.`
          )
          redisLostAt = undefined
          break
        case 'error':
          // A refused subscribe leaves the confirmed subscriptions as they were.
          wanted.current = { channels: new Set(confirmed.current.channels), patterns: new Set(confirmed.current.patterns) }
          notice('error', `${data.message} (${data.code})`)
          break
        default:
          break
      }
    }

    const explainRefusal = async () => {
      // A browser does not expose why an upgrade was refused; the same checks answer a plain GET.
      try {
        await getRedisPubSubChannels({ ref, connectionId, pattern: '*' })
        return 'The pub/sub connection closed.'
      } catch (error) {
        return error instanceof Error ? `The pub/sub connection was refused: ${error.message}` : 'The pub/sub connection was refused.'
      }
    }

    const connect = async () => {
      setState('connecting')
      const token = await getAccessToken()
      if (disposed) return
      const protocols = token ? [PUBSUB_PROTOCOL, `${PUBSUB_TOKEN_PROTOCOL_PREFIX}${base64Url(token)}`] : [PUBSUB_PROTOCOL]
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
      const socket = new WebSocket(`${scheme}//${window.location.host}${buildUrl(pubSubPath(ref, 'subscribe'), { connectionId })}`, protocols)
      socketRef.current = socket
      let opened = false

      socket.onopen = () => {
        opened = true
        attempt = 0
        setState('open')
        if (lostAt !== undefined) {
          notice('warning', `Reconnected. Messages published between ${timeOf(lostAt)} and ${timeOf(Date.now())} are lost.`)
          lostAt = undefined
        }
        sendSubscriptions('subscribe', [...wanted.current.channels], [...wanted.current.patterns])
      }
      socket.onmessage = (event) => {
        if (typeof event.data !== 'string') return
        try {
          onServerMessage(JSON.parse(event.data) as PubSubServerMessage)
        } catch {
          notice('error', 'The gateway sent a frame that is not JSON.')
        }
      }
      socket.onclose = (event) => {
        if (socketRef.current === socket) socketRef.current = undefined
        if (disposed) return
        if (opened) lostAt ??= Date.now()
        const retry = (delay: number) => {
          setState('waiting-to-retry')
          retryTimer = setTimeout(() => void connect(), delay)
        }
        if (event.code === PUBSUB_CLOSE_CODES.tokenExpired) {
          notice('info', 'The access token expired; reconnecting with a fresh one.')
          return retry(0)
        }
        if (event.code === PUBSUB_CLOSE_CODES.forbidden) {
          // Access changed: a changed connection lets the next attempt in; lost access is refused and explained.
          notice('warning', `The Studio closed this viewer${event.reason ? `: ${event.reason}` : ''}.`)
          attempt += 1
          return void connect()
        }
        const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]
        attempt += 1
        if (event.code === PUBSUB_CLOSE_CODES.tooSlow) {
          notice('warning', 'The Studio closed this viewer: it kept falling behind. Reconnecting.')
          return retry(delay)
        }
        if (opened) {
          notice('warning', `The pub/sub connection closed${event.reason ? ` (${event.reason})` : ''}. Reconnecting…`)
          return retry(delay)
        }
        void explainRefusal().then((text) => {
          if (disposed) return
          notice('error', `${text} Trying again in ${Math.round(delay / 1000) || 1}s.`)
          retry(delay)
        })
      }
    }

    void connect()
    return () => {
      disposed = true
      clearTimeout(retryTimer)
      socketRef.current?.close(1000, 'page closed')
      socketRef.current = undefined
    }
  }, [ref, connectionId, append, notice, sendSubscriptions])

  // Another connection is another server: its subscriptions and messages start from nothing.
  useEffect(() => {
    wanted.current = { channels: new Set(), patterns: new Set() }
    confirmed.current = { channels: [], patterns: [] }
    setSubscriptions({ channels: [], patterns: [] })
  }, [ref, connectionId])

  const subscribe = useCallback(
    (channels: string[], patterns: string[]) => {
      channels.forEach((channel) => wanted.current.channels.add(channel))
      patterns.forEach((pattern) => wanted.current.patterns.add(pattern))
      sendSubscriptions('subscribe', channels, patterns)
    },
    [sendSubscriptions]
  )

  const unsubscribe = useCallback(
    (channels: string[], patterns: string[]) => {
      channels.forEach((channel) => wanted.current.channels.delete(channel))
      patterns.forEach((pattern) => wanted.current.patterns.delete(pattern))
      sendSubscriptions('unsubscribe', channels, patterns)
    },
    [sendSubscriptions]
  )

  const clear = useCallback(() => {
    buffer.current = []
    bufferBytes.current = 0
    countersRef.current = { ...zeroCounters }
    setEntries([])
    setCounters({ ...zeroCounters })
  }, [])

  return { state, entries, counters, subscriptions, subscribe, unsubscribe, clear }
}

