import {
  PUBSUB_PROTOCOL,
  PUBSUB_TOKEN_PROTOCOL_PREFIX,
  type PubSubClientMessage,
  type PubSubDelivery,
  type PubSubServerMessage,
} from '@multibase/api-contracts'
import WebSocket from 'ws'

import { studioUrl } from './api'

export const subscribePath = (ref: string, query = '') => `/api/platform/redis/${ref}/pubsub/subscribe${query ? `?${query}` : ''}`
export const wsUrl = (path: string, baseUrl = studioUrl()) => `${baseUrl.replace(/^http/, 'ws')}${path}`
export const tokenProtocol = (token: string) => `${PUBSUB_TOKEN_PROTOCOL_PREFIX}${Buffer.from(token).toString('base64url')}`

/** Polls a condition; the deadline only keeps a broken run from hanging, it is not a timing check. */
export async function waitUntil(condition: () => boolean, what: string, deadlineMs = 45_000): Promise<void> {
  const deadline = Date.now() + deadlineMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

type Notice = Exclude<PubSubServerMessage, { type: 'messages' }>

/** A real WebSocket viewer of the pub/sub gateway that records everything it receives. */
export interface PubSubViewer {
  ws: WebSocket
  deliveries: PubSubDelivery[]
  notices: Notice[]
  /** Sum of the `count` of every `dropped` notice. */
  dropped(): number
  send(message: PubSubClientMessage): void
  /** Sends a (un)subscribe and waits for the gateway's `subscribed` answer or error. */
  request(message: PubSubClientMessage): Promise<Notice>
  waitForNotice<T extends Notice['type']>(type: T, after?: number): Promise<Extract<Notice, { type: T }>>
  /** Stops reading from the socket: the kernel buffers fill and the server has to hold or drop. */
  pause(): void
  resume(): void
  closed: Promise<{ code: number; reason: string }>
  close(): Promise<void>
}

export interface ViewerOptions {
  /** Another Studio instance than the main one. */
  baseUrl?: string
  /** Send the token as an Authorization header (non-browser clients) instead of a protocol entry. */
  tokenIn?: 'protocol' | 'header'
}

export async function openViewer(ref: string, token: string, query = '', options: ViewerOptions = {}): Promise<PubSubViewer> {
  const inHeader = options.tokenIn === 'header'
  const ws = new WebSocket(
    wsUrl(subscribePath(ref, query), options.baseUrl),
    inHeader ? [PUBSUB_PROTOCOL] : [PUBSUB_PROTOCOL, tokenProtocol(token)],
    inHeader ? { headers: { authorization: `Bearer ${token}` } } : {}
  )
  const deliveries: PubSubDelivery[] = []
  const notices: Notice[] = []
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  )
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as PubSubServerMessage
    if (message.type === 'messages') deliveries.push(...message.messages)
    else notices.push(message)
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
    ws.once('error', reject)
  })
  const viewer: PubSubViewer = {
    ws,
    deliveries,
    notices,
    dropped: () => notices.reduce((sum, notice) => sum + (notice.type === 'dropped' ? notice.count : 0), 0),
    send: (message) => ws.send(JSON.stringify(message)),
    async request(message) {
      const before = notices.length
      viewer.send(message)
      await waitUntil(() => notices.slice(before).some((n) => n.type === 'subscribed' || n.type === 'error'), 'a subscribe answer')
      return notices.slice(before).find((n) => n.type === 'subscribed' || n.type === 'error') as Notice
    },
    async waitForNotice(type, after = 0) {
      await waitUntil(() => notices.slice(after).some((n) => n.type === type), `a "${type}" notice`)
      return notices.slice(after).find((n) => n.type === type) as never
    },
    pause: () => (ws as unknown as { _socket: { pause(): void } })._socket.pause(),
    resume: () => (ws as unknown as { _socket: { resume(): void } })._socket.resume(),
    closed,
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return
      ws.close()
      await closed
    },
  }
  await viewer.waitForNotice('ready')
  return viewer
}

/** Attempts an upgrade that must be refused: resolves with the HTTP status and error body, never a 101. */
export async function attemptRefusedUpgrade(
  path: string,
  protocols: string[],
  headers: Record<string, string> = {}
): Promise<{ status: number; body: any; upgraded: boolean }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(path), protocols, { headers })
    ws.once('upgrade', () => {
      ws.terminate()
      resolve({ status: 101, body: undefined, upgraded: true })
    })
    ws.once('unexpected-response', (_req, res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk))
      res.on('end', () => {
        let body: unknown = text
        try {
          body = JSON.parse(text)
        } catch {
          // keep text
        }
        resolve({ status: res.statusCode ?? 0, body, upgraded: false })
      })
    })
    ws.once('error', (error) => {
      if (!ws.listenerCount('unexpected-response')) reject(error)
    })
  })
}
