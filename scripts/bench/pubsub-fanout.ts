/**
 * Pub/sub fan-out benchmark: one channel published at 5,000 msg/s to 100 WebSocket viewers through
 * the Studio's gateway, plus one viewer that stops reading. Prints the delivery completeness of the
 * fast viewers, their publish-to-receive latency (p50/p99/max) next to a raw ioredis subscriber's
 * (the baseline, same messages, same run), and the paused viewer's peak buffered bytes against its cap.
 *
 * Run after building the Studio (`cd apps/studio && pnpm exec next build`):
 *   bash scripts/bench/pubsub-fanout.sh [--viewers 100] [--rate 5000] [--seconds 5] [--payload 256]
 * Needs the local Postgres (for a throwaway platform database) and Redis (database 7, channel
 * `bench-<random>`), like the integration tests.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'

import { PUBSUB_PROTOCOL, PUBSUB_TOKEN_PROTOCOL_PREFIX, type PubSubServerMessage } from '@multibase/api-contracts'
import Redis from 'ioredis'
import WebSocket from 'ws'

import { adminQuery, postgresUrlFor, REDIS_URL, redisEndpoint } from '../../apps/studio/tests/helpers/services'
import { mintToken, TEST_JWT_SECRET } from '../../apps/studio/tests/helpers/tokens'
import { startStudio } from '../../apps/studio/tests/setup/studio-process'

const { values: args } = parseArgs({
  options: {
    viewers: { type: 'string', default: '100' },
    rate: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '5' },
    payload: { type: 'string', default: '128' },
    /** Seconds at the start whose messages count for completeness but not for latency (JIT, caches). */
    warmup: { type: 'string', default: '1' },
    /** Viewers that parse every frame and time every message; the others count deliveries only. */
    timed: { type: 'string', default: '10' },
    role: { type: 'string', default: 'main' },
  },
})
const VIEWERS = Number(args.viewers)
const RATE = Number(args.rate)
const SECONDS = Number(args.seconds)
const PAYLOAD_BYTES = Number(args.payload)
const TOTAL = RATE * SECONDS
const TIMED_VIEWERS = Number(args.timed)
const WARMUP_MESSAGES = Math.round(Number(args.warmup) * RATE)
const TICK_MS = 10
const REDIS_DB = 7


async function api(baseUrl: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await response.json()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`)
  return json
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function summarize(latencies: number[]): { p50: number; p99: number; max: number } {
  const sorted = Float64Array.from(latencies).sort()
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN }
}

const now = () => performance.timeOrigin + performance.now()
const CHANNEL_MARKER = Buffer.from('{"channel":')
const MESSAGE_MARKER = Buffer.from('"message":"')

interface ViewerState {
  ws: WebSocket
  received: number
  lastSeq: number
  outOfOrder: number
  latencies: number[]
  notices: PubSubServerMessage[]
}

async function openViewer(url: string, token: string, channel: string, record: boolean, pattern?: string): Promise<ViewerState> {
  const ws = new WebSocket(url, [PUBSUB_PROTOCOL, `${PUBSUB_TOKEN_PROTOCOL_PREFIX}${Buffer.from(token).toString('base64url')}`])
  const state: ViewerState = { ws, received: 0, lastSeq: -1, outOfOrder: 0, latencies: [], notices: [] }
  ws.on('message', (data: Buffer) => {
    // Untimed viewers only count the messages of a batch (and read the last sequence number), so
    // the client process stays light enough not to be what the latency measures.
    if (!record && state.notices.some((n) => n.type === 'subscribed') && data.subarray(0, 20).toString().startsWith('{"type":"messages"')) {
      let count = 0
      for (let at = data.indexOf(CHANNEL_MARKER); at !== -1; at = data.indexOf(CHANNEL_MARKER, at + 1)) count++
      const lastMessage = data.lastIndexOf(MESSAGE_MARKER) + MESSAGE_MARKER.length
      const seq = Number(data.subarray(lastMessage, data.indexOf(44, lastMessage)).toString())
      if (seq !== state.lastSeq + count) state.outOfOrder++
      state.lastSeq = seq
      state.received += count
      return
    }
    const message = JSON.parse(data.toString()) as PubSubServerMessage
    if (message.type !== 'messages') {
      state.notices.push(message)
      return
    }
    const at = now()
    for (const delivery of message.messages) {
      const separator = delivery.message.indexOf('|')
      const [seq, sentAt] = delivery.message.slice(0, separator).split(',').map(Number)
      if (seq !== state.lastSeq + 1) state.outOfOrder++
      state.lastSeq = seq
      state.received++
      if (record && seq >= WARMUP_MESSAGES) state.latencies.push(at - sentAt)
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
    ws.once('error', reject)
  })
  const subscribed = new Promise<void>((resolve) => {
    const check = () => (state.notices.some((n) => n.type === 'subscribed') ? resolve() : setTimeout(check, 5))
    check()
  })
  ws.send(JSON.stringify({ type: 'subscribe', channels: [channel], patterns: pattern ? [pattern] : [] }))
  await subscribed
  return state
}

interface ViewersResult {
  complete: number
  deliveries: number
  latency: { p50: number; p99: number; max: number }
}

/**
 * The 100 viewers run in a child process of their own, so that parsing half a million deliveries a
 * second does not stall the publisher and the baseline subscriber of the main process.
 */
async function runViewersProcess(): Promise<void> {
  const config = await new Promise<{ url: string; token: string; channel: string }>((resolve) => process.once('message', resolve))
  const viewers: ViewerState[] = []
  for (let index = 0; index < VIEWERS; index++) {
    viewers.push(await openViewer(config.url, config.token, config.channel, index < TIMED_VIEWERS))
  }
  process.send!({ type: 'ready' })
  const deadline = new Promise<void>((resolve) => process.once('message', () => resolve()))
  let finished = false
  void deadline.then(() => (finished = true))
  while (!finished && viewers.some((viewer) => viewer.received < TOTAL)) await new Promise((resolve) => setTimeout(resolve, 50))
  const result: ViewersResult = {
    complete: viewers.filter((viewer) => viewer.received === TOTAL && viewer.outOfOrder === 0).length,
    deliveries: viewers.reduce((sum, viewer) => sum + viewer.received, 0),
    latency: summarize(viewers.flatMap((viewer) => viewer.latencies)),
  }
  for (const viewer of viewers) viewer.ws.terminate()
  process.send!({ type: 'result', result }, () => process.exit(0))
}

async function main() {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10)
  const database = `multibase_bench_${suffix}`
  await adminQuery(`CREATE DATABASE ${database}`)
  const studio = await startStudio({
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: postgresUrlFor(database),
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: `bench-1:${randomBytes(32).toString('base64')}`,
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
  })
  const channel = `bench-${suffix}`
  const publisher = new Redis(REDIS_URL, { db: REDIS_DB })
  const baseline = new Redis(REDIS_URL, { db: REDIS_DB })
  let child: ChildProcess | undefined
  let paused: ViewerState | undefined
  try {
    const userId = randomUUID()
    const token = await mintToken({ sub: userId })
    const org = await api(studio.url, token, 'POST', '/api/platform/organizations', { name: 'Bench', slug: `bench-${suffix}` })
    const ref = `b-${suffix}`
    await api(studio.url, token, 'POST', '/api/platform/projects', { organizationId: org.id, name: ref, ref })
    const endpoint = redisEndpoint()
    await api(studio.url, token, 'POST', `/api/platform/redis/${ref}/connections`, {
      identifier: 'bench',
      host: endpoint.host,
      port: endpoint.port,
      ...(endpoint.password ? { password: endpoint.password } : {}),
      options: { db: REDIS_DB },
    })

    const url = `${studio.url.replace(/^http/, 'ws')}/api/platform/redis/${ref}/pubsub/subscribe`
    const viewersProcess = fork(process.argv[1], [...process.argv.slice(2), '--role', 'viewers'], { execArgv: process.execArgv })
    child = viewersProcess
    const messages: Array<{ type: string; result?: ViewersResult }> = []
    viewersProcess.on('message', (message: { type: string; result?: ViewersResult }) => messages.push(message))
    viewersProcess.send({ url, token, channel })
    while (!messages.some((m) => m.type === 'ready')) await new Promise((resolve) => setTimeout(resolve, 20))

    // The paused viewer asks for a small queue and takes every message twice (by channel and by a
    // pattern) so that it fills its kernel buffers and then overflows within the run.
    paused = await openViewer(`${url}?maxQueueBytes=65536`, token, channel, false, `${channel}*`)
    ;(paused.ws as unknown as { _socket: { pause(): void } })._socket.pause()

    const baselineLatencies: number[] = []
    let baselineReceived = 0
    baseline.on('message', (_channel: string, message: string) => {
      const at = now()
      const [seq, sentAt] = message.slice(0, message.indexOf('|')).split(',').map(Number)
      baselineReceived++
      if (seq >= WARMUP_MESSAGES) baselineLatencies.push(at - sentAt)
    })
    await baseline.subscribe(channel)

    const perTick = Math.round((RATE * TICK_MS) / 1000)
    const padding = 'x'.repeat(Math.max(0, PAYLOAD_BYTES - 32))
    let seq = 0
    const started = now()
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(TOTAL, Math.round(((now() - started) / 1000) * RATE) + perTick)
        const pipeline = publisher.pipeline()
        while (seq < due) pipeline.publish(channel, `${seq++},${now()}|${padding}`)
        void pipeline.exec()
        if (seq >= TOTAL) resolve()
        else setTimeout(tick, TICK_MS)
      }
      tick()
    })
    const publishSeconds = (now() - started) / 1000

    const settleDeadline = Date.now() + 30_000
    while (Date.now() < settleDeadline && !messages.some((m) => m.type === 'result')) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    if (!messages.some((m) => m.type === 'result')) {
      viewersProcess.send({ type: 'finish' })
      while (!messages.some((m) => m.type === 'result')) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const viewers = messages.find((m) => m.type === 'result')!.result!

    // Ask the gateway for the paused viewer's figures, then read everything it was holding.
    paused.ws.send(JSON.stringify({ type: 'stats' }))
    await new Promise((resolve) => setTimeout(resolve, 500))
    ;(paused.ws as unknown as { _socket: { resume(): void } })._socket.resume()
    const statsDeadline = Date.now() + 30_000
    while (Date.now() < statsDeadline && !paused.notices.some((n) => n.type === 'stats')) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }

    const redisLatency = summarize(baselineLatencies)
    const stats = paused.notices.find((n) => n.type === 'stats') as Extract<PubSubServerMessage, { type: 'stats' }> | undefined
    const fmt = (value: number) => value.toFixed(2)
    console.log(`pubsub fan-out: ${VIEWERS} viewers, ${RATE} msg/s for ${SECONDS}s (${TOTAL} messages of ~${PAYLOAD_BYTES} B), published in ${publishSeconds.toFixed(2)} s`)
    console.log(`  fast viewers with every message, in order: ${viewers.complete}/${VIEWERS} (${viewers.deliveries} of ${TOTAL * VIEWERS} deliveries)`)
    console.log(`  latency excludes the first ${args.warmup}s of messages (warm-up)`)
    console.log(`  publish→receive via Studio WebSocket (${Math.min(TIMED_VIEWERS, VIEWERS)} timed viewers, every message): p50 ${fmt(viewers.latency.p50)} ms, p99 ${fmt(viewers.latency.p99)} ms, max ${fmt(viewers.latency.max)} ms`)
    console.log(`  publish→receive raw ioredis subscriber: p50 ${fmt(redisLatency.p50)} ms, p99 ${fmt(redisLatency.p99)} ms, max ${fmt(redisLatency.max)} ms (received ${baselineReceived}/${TOTAL})`)
    console.log(`  p99 ratio (Studio / raw): ${fmt(viewers.latency.p99 / redisLatency.p99)}×`)
    if (stats) {
      console.log(
        `  paused viewer: peak buffered ${stats.peakBufferedBytes} B of cap ${stats.bufferCapBytes} B (${stats.peakBufferedBytes <= stats.bufferCapBytes ? 'within' : 'ABOVE'} cap), dropped ${stats.totalDropped}, delivered ${paused.received}`
      )
    } else {
      console.log('  paused viewer: no stats answer received')
    }
    console.log(
      `  goals: every message to every fast viewer ${viewers.complete === VIEWERS ? 'MET' : 'MISSED'}; p99 ≤ 50 ms ${viewers.latency.p99 <= 50 ? 'MET' : 'MISSED'}; paused viewer within cap ${stats && stats.peakBufferedBytes <= stats.bufferCapBytes ? 'MET' : 'MISSED'}`
    )
  } finally {
    paused?.ws.terminate()
    child?.kill()
    publisher.disconnect()
    baseline.disconnect()
    await studio.stop()
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  }
}

;(args.role === 'viewers' ? runViewersProcess() : main()).then(
  () => {
    if (args.role !== 'viewers') process.exit(0)
  },
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
