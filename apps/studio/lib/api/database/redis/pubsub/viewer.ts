import { PUBSUB_CLOSE_CODES, type PubSubServerMessage } from '@multibase/api-contracts'
import type { WebSocket } from 'ws'

import type { SerializedDelivery } from './delivery'

export interface ViewerLimits {
  maxQueueMessages: number
  maxQueueBytes: number
  maxLagMs: number
}

/** Frames are handed to the socket only while it holds less than this (ws.bufferedAmount). */
export const SOCKET_HIGH_WATER_BYTES = 256 * 1024
/** Several queued messages go out as one frame up to this size (one message may exceed it alone). */
const BATCH_MAX_BYTES = 64 * 1024
const BATCH_ENVELOPE_BYTES = '{"type":"messages","messages":[]}'.length

/**
 * The most a viewer ever holds: its queue, plus what the socket holds (below the high-water mark when
 * a frame is handed over, plus that one frame, which is a batch or a single message of at most the
 * queue's size), plus a little room for the frame header and control notices.
 */
export function bufferCapBytes(limits: ViewerLimits): number {
  return limits.maxQueueBytes + SOCKET_HIGH_WATER_BYTES + Math.max(BATCH_MAX_BYTES, limits.maxQueueBytes) + BATCH_ENVELOPE_BYTES + 1024
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
  private closed = false
  private readonly afterSend = (error?: Error) => {
    if (!error && this.head < this.queue.length) this.scheduleFlush()
  }

  constructor(
    readonly socket: WebSocket,
    readonly limits: ViewerLimits
  ) {
    this.bufferCapBytes = bufferCapBytes(limits)
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** Control messages are small and rare; they go straight to the socket, ahead of queued messages. */
  send(message: PubSubServerMessage): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return
    this.socket.send(JSON.stringify(message))
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
    this.queue = []
    this.head = 0
    this.queuedBytes = 0
    this.socket.close(code, reason)
  }

  private overLimits(): boolean {
    return this.queue.length - this.head > this.limits.maxQueueMessages || this.queuedBytes > this.limits.maxQueueBytes
  }

  private countDropped(count: number): void {
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
      const parts: string[] = []
      let batchBytes = 0
      while (this.head < this.queue.length) {
        const item = this.queue[this.head]
        if (parts.length > 0 && batchBytes + item.bytes + 1 > BATCH_MAX_BYTES) break
        parts.push(item.json)
        batchBytes += item.bytes + 1
        this.queuedBytes -= item.bytes
        this.head++
      }
      this.socket.send(`{"type":"messages","messages":[${parts.join(',')}]}`, this.afterSend)
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
