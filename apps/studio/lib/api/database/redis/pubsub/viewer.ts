import { PUBSUB_CLOSE_CODES, type PubSubServerMessage } from '@multibase/api-contracts'
import type { WebSocket } from 'ws'

import { getMetrics } from '../../../../metrics/registry'
import type { SerializedDelivery } from './delivery'

export interface ViewerLimits {
  maxQueueMessages: number
  maxQueueBytes: number
  maxLagMs: number
}

/** Frames are handed to the socket only while it holds less than this (ws.bufferedAmount). */
const SOCKET_HIGH_WATER_BYTES = 256 * 1024
/** Several queued messages go out as one frame up to this size (one message may exceed it alone). */
const BATCH_MAX_BYTES = 64 * 1024
/** Answers to a viewer's own requests that may wait unsent in its socket buffer. */
const MAX_UNSENT_REPLIES = 8
const BATCH_ENVELOPE_BYTES = '{"type":"messages","messages":[]}'.length

/**
 * The most a viewer ever holds: its queue, plus what the socket holds (below the high-water mark when
 * a frame is handed over, plus that one frame, which is a batch or a single message of at most the
 * queue's size), plus a little room for the frame header, control notices and a few unsent replies.
 */
function bufferCapBytes(limits: ViewerLimits): number {
  return limits.maxQueueBytes + SOCKET_HIGH_WATER_BYTES + Math.max(BATCH_MAX_BYTES, limits.maxQueueBytes) + BATCH_ENVELOPE_BYTES + 1024
}

interface CachedFrame {
  items: SerializedDelivery[]
  frame: Buffer
}

/**
 * Frames built during the current tick, by their first message. Viewers that are level with each other
 * (the usual case: same subscriptions, keeping up) send the very same batch, so it is joined and
 * encoded once and the Buffer shared, instead of once per viewer. A hit is checked item by item.
 */
const framesThisTick = new Map<SerializedDelivery, CachedFrame>()
let frameCacheClearScheduled = false

function sharedFrame(queue: SerializedDelivery[], start: number, end: number): Buffer {
  const cached = framesThisTick.get(queue[start])
  if (cached && cached.items.length === end - start && cached.items.every((item, offset) => item === queue[start + offset])) {
    return cached.frame
  }
  const items = queue.slice(start, end)
  const frame = Buffer.from(`{"type":"messages","messages":[${items.map((item) => item.json).join(',')}]}`)
  framesThisTick.set(queue[start], { items, frame })
  if (!frameCacheClearScheduled) {
    frameCacheClearScheduled = true
    setImmediate(() => {
      framesThisTick.clear()
      frameCacheClearScheduled = false
    })
  }
  return frame
}

/**
 * One WebSocket viewer of a shared subscriber. Messages wait in a queue bounded by count and bytes;
 * when it overflows the oldest are dropped and counted, and the viewer is told how many before its
 * next batch. A viewer that keeps dropping for longer than `maxLagMs` without catching up is closed
 * with 4008. Nothing is handed to the socket while its own buffer is above the high-water mark, so
 * a viewer that stopped reading costs at most `bufferCapBytes`.
 */
export class Viewer {
  readonly channels = new Set<string>()
  readonly patterns = new Set<string>()
  readonly bufferCapBytes: number
  totalDropped = 0
  peakBufferedBytes = 0
  private queue: SerializedDelivery[] = []
  private head = 0
  private queuedBytes = 0
  private droppedSinceNotice = 0
  private laggingSince: number | undefined
  private flushScheduled = false
  private unsentReplies = 0
  private closed = false
  private readonly afterSend = (error?: Error) => {
    if (!error && this.head < this.queue.length) this.scheduleFlush()
  }

  constructor(
    readonly socket: WebSocket,
    readonly limits: ViewerLimits
  ) {
    this.bufferCapBytes = bufferCapBytes(limits)
    getMetrics().pubsubViewers.inc()
  }

  /** Control messages are small and rare; they go straight to the socket, ahead of queued messages. */
  send(message: PubSubServerMessage): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return
    this.socket.send(JSON.stringify(message))
  }

  /**
   * Answers a viewer's own request (pong, stats). A client that keeps asking while not reading would
   * otherwise grow its socket buffer without bound, so only a few answers may be unsent at a time.
   */
  reply(message: PubSubServerMessage): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN || this.unsentReplies >= MAX_UNSENT_REPLIES) return
    this.unsentReplies++
    this.socket.send(JSON.stringify(message), () => this.unsentReplies--)
  }

  deliver(item: SerializedDelivery): void {
    if (this.closed) return
    if (item.bytes > this.limits.maxQueueBytes) {
      this.countDropped(1)
    } else {
      this.queue.push(item)
      this.queuedBytes += item.bytes
      // A burst larger than the queue arrives within one tick: hand it to the socket now, while the
      // socket has room, rather than drop messages a fast viewer would have read.
      if (this.overLimits() && this.socket.bufferedAmount < SOCKET_HIGH_WATER_BYTES) this.flush()
      while (this.overLimits()) {
        const oldest = this.queue[this.head++]
        this.queuedBytes -= oldest.bytes
        this.countDropped(1)
      }
      this.notePeak()
    }
    if (this.laggingSince !== undefined && Date.now() - this.laggingSince > this.limits.maxLagMs) {
      this.close(PUBSUB_CLOSE_CODES.tooSlow, `Viewer too slow: ${this.totalDropped} messages dropped`)
      return
    }
    this.scheduleFlush()
  }

  stats(): Extract<PubSubServerMessage, { type: 'stats' }> {
    return {
      type: 'stats',
      queuedMessages: this.queue.length - this.head,
      queuedBytes: this.queuedBytes,
      socketBufferedBytes: this.socket.bufferedAmount,
      peakBufferedBytes: this.peakBufferedBytes,
      bufferCapBytes: this.bufferCapBytes,
      totalDropped: this.totalDropped,
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    getMetrics().pubsubViewers.dec()
    this.queue = []
    this.head = 0
    this.queuedBytes = 0
    this.socket.close(code, reason)
  }

  private overLimits(): boolean {
    return this.queue.length - this.head > this.limits.maxQueueMessages || this.queuedBytes > this.limits.maxQueueBytes
  }

  private countDropped(count: number): void {
    getMetrics().pubsubDropped.inc(count)
    this.droppedSinceNotice += count
    this.totalDropped += count
    this.laggingSince ??= Date.now()
  }

  private notePeak(): void {
    const buffered = this.queuedBytes + this.socket.bufferedAmount
    if (buffered > this.peakBufferedBytes) this.peakBufferedBytes = buffered
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      this.flush()
    })
  }

  private flush(): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return
    while (this.socket.bufferedAmount < SOCKET_HIGH_WATER_BYTES) {
      if (this.droppedSinceNotice > 0) {
        this.send({
          type: 'dropped',
          count: this.droppedSinceNotice,
          totalDropped: this.totalDropped,
          peakBufferedBytes: this.peakBufferedBytes,
          bufferCapBytes: this.bufferCapBytes,
        })
        this.droppedSinceNotice = 0
      }
      if (this.head >= this.queue.length) break
      let end = this.head
      let batchBytes = 0
      while (end < this.queue.length) {
        const bytes = this.queue[end].bytes + 1
        if (end > this.head && batchBytes + bytes > BATCH_MAX_BYTES) break
        batchBytes += bytes
        end++
      }
      const frame = sharedFrame(this.queue, this.head, end)
      for (let index = this.head; index < end; index++) this.queuedBytes -= this.queue[index].bytes
      getMetrics().pubsubDelivered.inc(end - this.head)
      this.head = end
      this.socket.send(frame, { binary: false }, this.afterSend)
      this.notePeak()
    }
    if (this.head >= this.queue.length) {
      this.queue = []
      this.head = 0
      this.laggingSince = undefined
    } else if (this.head > 4096) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
  }
}
