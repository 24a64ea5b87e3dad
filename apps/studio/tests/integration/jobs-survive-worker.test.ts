import { randomUUID } from 'node:crypto'
import { Agent } from 'node:http'

import { PUBSUB_PROTOCOL, type JobStatus } from '@multibase/api-contracts'
import Redis from 'ioredis'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'

import { apiRequest } from '../helpers/api'
import { createScratchDatabase } from '../helpers/own-servers'
import { subscribePath, tokenProtocol, wsUrl } from '../helpers/pubsub'
import { openKeepAliveSocket, rawRequest, type RawOutcome } from '../helpers/socket-outcome'
import { postgresEndpoint, redisEndpoint, REDIS_URL } from '../helpers/services'
import { TEST_JWT_SECRET, mintToken } from '../helpers/tokens'
import { startStudio, type StudioProcess } from '../setup/studio-process'

/**
 * Three Studios on one platform database, with heartbeats and takeover shortened to seconds. This
 * file's Redis: database 13, every key under a random prefix.
 */
const REDIS_DB = 13
const run = `jsw:${randomUUID().slice(0, 8)}`
const STALE_AFTER_MS = 3000

let studios: StudioProcess[] = []
let platform: Client
let redis: Redis
let dropDb: () => Promise<void>
let token: string
let ref: string
let redisConnectionId: string
let postgresConnectionId: string
let studioEnv: Record<string, string>

const alive = () => studios.filter((studio) => studio.pid !== undefined && !killed.has(studio.pid))
const killed = new Set<number>()
const call = (method: string, path: string, body?: unknown) => apiRequest(method, path, { token, body, baseUrl: alive()[0].url })

async function seed(prefix: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 10_000) {
    const pipeline = redis.pipeline()
    for (let index = start; index < Math.min(count, start + 10_000); index++) pipeline.set(`${prefix}${index}`, 'v')
    await pipeline.exec()
  }
}

async function countKeys(pattern: string): Promise<number> {
  let cursor = '0'
  let count = 0
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 10_000)
    cursor = next
    count += keys.length
  } while (cursor !== '0')
  return count
}

interface JobRow {
  state: string
  worker_id: string | null
  attempts: number
  progress: { deleted?: number }
  result: Record<string, unknown> | null
}

async function jobRow(id: string): Promise<JobRow> {
  const { rows } = await platform.query<JobRow>('SELECT state, worker_id, attempts, progress, result FROM platform.jobs WHERE id = $1', [id])
  return rows[0]
}

/** Waits until the job is running on some instance with a few batches done; returns that instance. */
async function runningOn(id: string): Promise<StudioProcess> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const row = await jobRow(id)
    expect(row.result).toBeNull()
    const pid = row.worker_id ? Number(row.worker_id.split(':')[1]) : undefined
    const studio = alive().find((candidate) => candidate.pid === pid)
    if (studio && Number(row.progress.deleted) > 0) return studio
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('the job never started')
}

async function waitForResult(id: string, timeoutMs: number): Promise<JobStatus> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const status = await call('GET', `/api/platform/projects/${ref}/jobs/${id}`)
    expect(status.status).toBe(200)
    if (status.body.result !== null) return status.body
    if (Date.now() > deadline) throw new Error(`no result within ${timeoutMs} ms: ${JSON.stringify(status.body)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function terminalAuditRows(id: string) {
  const { rows } = await platform.query(
    `SELECT status, details FROM platform.audit_log WHERE action = 'JOB redis-bulk-delete' AND target = $1`,
    [JSON.stringify({ jobId: id })]
  )
  return rows
}

async function startBulkDelete(pattern: string, batchSize = 100): Promise<string> {
  const started = await call('POST', `/api/platform/redis/${ref}/keys/bulk-delete`, { pattern, batchSize })
  expect(started.status).toBe(202)
  return started.body.jobId
}

beforeAll(async () => {
  const db = await createScratchDatabase()
  dropDb = db.drop
  const env = (studioEnv = {
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: db.url,
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: `jobs:${Buffer.alloc(32, 9).toString('base64')}`,
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
    JOB_HEARTBEAT_INTERVAL_MS: '500',
    JOB_STALE_AFTER_MS: String(STALE_AFTER_MS),
    JOB_SWEEP_INTERVAL_MS: '500',
    SHUTDOWN_GRACE_MS: '15000',
  })
  // One first (it applies the migrations), then two more.
  studios = [await startStudio(env)]
  studios.push(...(await Promise.all([startStudio(env), startStudio(env)])))
  platform = new Client({ connectionString: db.url })
  await platform.connect()
  redis = new Redis(REDIS_URL, { db: REDIS_DB })

  token = await mintToken()
  const org = await call('POST', '/api/platform/organizations', { name: 'jobs', slug: `jobs-${Date.now()}` })
  ref = `jobs-${Date.now()}`
  expect((await call('POST', '/api/platform/projects', { organizationId: org.body.id, name: ref, ref })).status).toBe(201)
  const redisEndpointInfo = redisEndpoint()
  const redisConnection = await call('POST', `/api/platform/redis/${ref}/connections`, {
    identifier: 'cache',
    host: redisEndpointInfo.host,
    port: redisEndpointInfo.port,
    ...(redisEndpointInfo.password ? { password: redisEndpointInfo.password } : {}),
    options: { db: REDIS_DB },
  })
  expect(redisConnection.status).toBe(201)
  redisConnectionId = redisConnection.body.id
  const pg = postgresEndpoint()
  const pgConnection = await call('POST', `/api/platform/postgres/${ref}/connections`, {
    identifier: 'main',
    host: pg.host,
    port: pg.port,
    ...(pg.username ? { username: pg.username } : {}),
    ...(pg.password ? { password: pg.password } : {}),
    ...(pg.database ? { options: { database: pg.database } } : {}),
  })
  expect(pgConnection.status).toBe(201)
  postgresConnectionId = pgConnection.body.id
}, 240_000)

afterAll(async () => {
  await Promise.all(alive().map((studio) => studio.stop()))
  if (redis) {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${run}:*`, 'COUNT', 10_000)
      cursor = next
      if (keys.length > 0) await redis.unlink(...keys)
    } while (cursor !== '0')
    redis.disconnect()
  }
  await platform?.end()
  await dropDb?.()
}, 120_000)

describe('jobs that survive their worker', () => {
  it('finishes a 200k-key bulk delete on another instance after its worker is SIGKILLed', async () => {
    const prefix = `${run}:kill:del:`
    await seed(prefix, 200_000)
    await seed(`${run}:kill:keep:`, 1000)
    await redis.set(`${run}:kill:del`, 'not matched: no colon after "del"')
    const jobId = await startBulkDelete(`${prefix}*`, 500)

    const victim = await runningOn(jobId)
    killed.add(victim.pid)
    expect(await victim.kill('SIGKILL')).toBeNull()
    const killedAt = Date.now()
    const before = await jobRow(jobId)
    expect(before.result).toBeNull()

    const final = await waitForResult(jobId, 90_000)
    expect(Date.now() - killedAt).toBeLessThan(90_000)
    expect(final.state).toBe('completed')
    expect(final.result).toMatchObject({ state: 'completed', finished: true, pattern: `${prefix}*` })
    // It resumed where the dead worker's last checkpoint was, not from the start.
    expect(Number(final.progress.deleted)).toBeGreaterThan(0)
    expect(Number(final.progress.deleted)).toBeLessThanOrEqual(200_000)

    expect(await countKeys(`${prefix}*`)).toBe(0)
    expect(await countKeys(`${run}:kill:keep:*`)).toBe(1000)
    expect(await redis.exists(`${run}:kill:del`)).toBe(1)

    const row = await jobRow(jobId)
    expect(row.attempts).toBe(2)
    expect(row.worker_id).toBeNull()
    const audits = await terminalAuditRows(jobId)
    expect(audits).toHaveLength(1)
    expect(audits[0].status).toBe(200)
    expect(audits[0].details).toMatchObject({ state: 'completed', finished: true, attempts: 2 })
  }, 180_000)

  it('drains on SIGTERM under load: every accepted request answered, the job resumes elsewhere, exit 0', async () => {
    const prefix = `${run}:term:del:`
    await seed(prefix, 100_000)
    await seed(`${run}:term:keep:`, 100)
    const jobId = await startBulkDelete(`${prefix}*`)
    const target = await runningOn(jobId)
    const other = alive().find((studio) => studio !== target)!

    // A kept-alive connection that is idle when the signal comes (a load balancer's health probe).
    const probe = await openKeepAliveSocket(target.port)
    expect(await probe.get('/api/health')).toMatch(/^HTTP\/1\.1 200/)

    // A pub/sub viewer open on the instance: it must be told to go elsewhere, not dropped.
    const viewer = new WebSocket(wsUrl(subscribePath(ref, `connectionId=${redisConnectionId}`), target.url), [PUBSUB_PROTOCOL, tokenProtocol(token)])
    const viewerClosed = new Promise<{ code: number; reason: string }>((resolve) =>
      viewer.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    )
    await new Promise<void>((resolve, reject) => viewer.once('open', () => resolve()).once('error', reject))

    const keepAlive = new Agent({ keepAlive: true })
    const slow = Array.from({ length: 10 }, () =>
      rawRequest(target.url, {
        method: 'POST',
        path: `/api/platform/pg-meta/${ref}/query?connectionId=${postgresConnectionId}`,
        token,
        body: { query: 'SELECT pg_sleep(2) AS slept' },
        agent: keepAlive,
      })
    )
    // About 50 requests a second, each on a new connection, before, during and after the signal.
    const load: Array<Promise<RawOutcome>> = []
    const paths = [
      `/api/platform/projects/${ref}/jobs/${jobId}`,
      `/api/platform/redis/${ref}/keys?connectionId=${redisConnectionId}&pattern=${encodeURIComponent(`${run}:term:keep:*`)}`,
    ]
    const sendLoad = async (count: number) => {
      for (let sent = 0; sent < count; sent++) {
        load.push(rawRequest(target.url, { method: 'GET', path: paths[load.length % paths.length], token }))
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    await sendLoad(35)

    const exited = target.kill('SIGTERM')
    killed.add(target.pid)
    const afterSignal = sendLoad(75)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const drainingHealth = await probe.get('/api/health')
    await afterSignal

    const exitCode = await exited
    const slowOutcomes = await Promise.all(slow)
    const loadOutcomes = await Promise.all(load)
    probe.close()
    keepAlive.destroy()

    expect(exitCode).toBe(0)
    expect(await viewerClosed).toEqual({ code: 1001, reason: 'Studio instance shutting down; reconnect' })
    expect(drainingHealth).toMatch(/^HTTP\/1\.1 503/)
    expect(drainingHealth).toMatch(/connection: close/i)
    expect(drainingHealth).toContain('"code":"DRAINING"')
    for (const outcome of slowOutcomes) {
      expect(outcome).toMatchObject({ status: 200 })
      if ('status' in outcome) {
        expect(JSON.parse(outcome.body)).toMatchObject({ command: 'SELECT', rowCount: 1 })
        // The keep-alive socket is closed after this response: no request rides it into a dying instance.
        expect(outcome.headers.connection).toBe('close')
      }
    }
    const answered = loadOutcomes.filter((outcome) => 'status' in outcome)
    // A connection still in the kernel's accept queue when the listener closes is reset by the kernel
    // (ECONNRESET) without node ever reading its request; one whose request node read is answered.
    const refused = loadOutcomes.filter(
      (outcome) => 'error' in outcome && (outcome.error === 'ECONNREFUSED' || outcome.error === 'ECONNRESET')
    )
    // Accepted means answered in full; the only other outcome is a connection the server never took.
    expect(answered.length + refused.length).toBe(loadOutcomes.length)
    for (const outcome of answered) expect(outcome).toMatchObject({ status: 200 })
    expect(answered.length).toBeGreaterThan(0)
    expect(refused.length).toBeGreaterThan(0)

    // The job was handed back at a batch boundary and finishes on the remaining instance.
    const final = await waitForResult(jobId, 90_000)
    expect(final).toMatchObject({ state: 'completed', result: { state: 'completed', finished: true } })
    const row = await jobRow(jobId)
    expect(row.attempts).toBe(2)
    expect(await countKeys(`${prefix}*`)).toBe(0)
    expect(await countKeys(`${run}:term:keep:*`)).toBe(100)
    expect(await terminalAuditRows(jobId)).toHaveLength(1)
    expect(target.output()).not.toContain('Cannot use a pool after calling end on the pool')
    expect(other.pid).not.toBe(target.pid)
  }, 180_000)

  it('ends a job cancelled while its worker is dead as cancelled, without running it further', async () => {
    studios.push(await startStudio(studioEnv))
    const prefix = `${run}:cancel:del:`
    await seed(prefix, 100_000)
    const jobId = await startBulkDelete(`${prefix}*`)
    const victim = await runningOn(jobId)
    killed.add(victim.pid)
    await victim.kill('SIGKILL')
    const left = await countKeys(`${prefix}*`)
    expect(left).toBeGreaterThan(0)

    const cancelled = await call('POST', `/api/platform/projects/${ref}/jobs/${jobId}/cancel`)
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.state).toBe('cancelled')
    const final = await waitForResult(jobId, 60_000)
    expect(final).toMatchObject({ state: 'cancelled', result: { state: 'cancelled', finished: false } })
    expect(await countKeys(`${prefix}*`)).toBe(left)
    const audits = await terminalAuditRows(jobId)
    expect(audits).toHaveLength(1)
    expect(audits[0].details).toMatchObject({ state: 'cancelled', attempts: 2 })
  }, 120_000)
})
