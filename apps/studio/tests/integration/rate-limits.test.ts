import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { PUBSUB_PROTOCOL } from '@multibase/api-contracts'
import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'

import { apiRequest, errorOf, type ApiResponse } from '../helpers/api'
import { createScratchDatabase } from '../helpers/own-servers'
import { openViewer, tokenProtocol, subscribePath, wsUrl, type PubSubViewer } from '../helpers/pubsub'
import { countOf, honourRetryAfter, LIMITED_ENV, limitedProject, limitedUser, sleep, type LimitedProject } from '../helpers/rate-limit'
import { REDIS_URL } from '../helpers/services'
import { mintToken, TEST_JWT_SECRET } from '../helpers/tokens'
import { startStudio, type StudioProcess } from '../setup/studio-process'

/**
 * Three Studios of this file's own on one platform database, with small limits (LIMITED_ENV: a 5 s
 * window) — the suite's shared Studios run with limits no test reaches. Bursts are sent at once so
 * they land inside one window.
 */
let database: { url: string; drop(): Promise<void> }
let studios: StudioProcess[] = []
const redis = new Redis(REDIS_URL)
const keyPrefix = `rl-test:${randomUUID()}:`

beforeAll(async () => {
  database = await createScratchDatabase('multibase_test_ratelimit')
  const env = {
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: database.url,
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: `rl:${Buffer.alloc(32, 7).toString('base64')}`,
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
    ...LIMITED_ENV,
  }
  // One first, so the migrations run once; the other two join the migrated database.
  studios.push(await startStudio(env))
  studios.push(...(await Promise.all([startStudio(env), startStudio(env)])))
})
afterAll(async () => {
  await Promise.all(studios.map((studio) => studio.stop()))
  studios = []
  const keys = await redis.keys(`${keyPrefix}*`)
  if (keys.length > 0) await redis.del(...keys)
  redis.disconnect()
  await database?.drop()
})

const [a, b, c] = [0, 1, 2].map((index) => () => studios[index]!.url)
const burst = (count: number, call: (index: number) => Promise<ApiResponse>) => Promise.all(Array.from({ length: count }, (_, index) => call(index)))
const refusedOf = (responses: ApiResponse[]) => responses.find((response) => response.status === 429)!

function expectRefusal(response: ApiResponse, limit: number) {
  expect(response.status).toBe(429)
  expect(errorOf(response).code).toBe('RATE_LIMITED')
  const retryAfter = Number(response.headers.get('retry-after'))
  expect(retryAfter).toBeGreaterThanOrEqual(1)
  expect(retryAfter).toBeLessThanOrEqual(Number(LIMITED_ENV.RATE_LIMIT_WINDOW_SECONDS))
  expect(response.headers.get('ratelimit-limit')).toBe(String(limit))
  expect(response.headers.get('ratelimit-remaining')).toBe('0')
  expect(response.headers.get('ratelimit-policy')).toBe(`${limit};w=${LIMITED_ENV.RATE_LIMIT_WINDOW_SECONDS}`)
}

describe('per-tier limits', () => {
  let project: LimitedProject
  beforeAll(async () => {
    project = await limitedProject(a())
  })

  it('read: the request past the limit is 429 with Retry-After, another user is not slowed, and waiting it out works', async () => {
    const readOnly = await project.member('read_only')
    const path = `/api/platform/projects/${project.ref}`
    const first = await project.owner.request('GET', path)
    expect(first.status).toBe(200)
    expect(first.headers.get('ratelimit-limit')).toBe('30')
    expect(first.headers.get('ratelimit-remaining')).toBe('29')
    const responses = await burst(30, () => project.owner.request('GET', path))
    expect(countOf(responses, 200)).toBe(29)
    expect(countOf(responses, 429)).toBe(1)
    const refused = refusedOf(responses)
    expectRefusal(refused, 30)
    // Another user of the same project, right away.
    expect((await readOnly.request('GET', path)).status).toBe(200)
    await honourRetryAfter(refused)
    expect((await project.owner.request('GET', path)).status).toBe(200)
  })

  it('write: keys written past the limit are refused and never reach Redis', async () => {
    const writer = await project.member('developer')
    const keys = Array.from({ length: 7 }, (_, index) => `${keyPrefix}w${index}`)
    const responses = await burst(7, (index) =>
      writer.request('POST', `/api/platform/redis/${project.ref}/keys/${encodeURIComponent(keys[index]!)}`, { body: { type: 'string', value: 'v' } })
    )
    expect(countOf(responses, 201)).toBe(6)
    expect(countOf(responses, 429)).toBe(1)
    const refused = refusedOf(responses)
    expectRefusal(refused, 6)
    expect(await redis.exists(...keys)).toBe(6)
    await honourRetryAfter(refused)
    const after = await writer.request('POST', `/api/platform/redis/${project.ref}/keys/${encodeURIComponent(`${keyPrefix}w-after`)}`, {
      body: { type: 'string', value: 'v' },
    })
    expect(after.status).toBe(201)
  })

  it('expensive: connection tests are strict per user, and per project across its members', async () => {
    const testPath = `/api/platform/redis/${project.ref}/connections/${project.connectionId}/test`
    const admin = await project.member('admin')
    const responses = await burst(4, () => project.owner.request('POST', testPath))
    expect(countOf(responses, 200)).toBe(3)
    const refused = refusedOf(responses)
    expectRefusal(refused, 3)
    // The owner's three counted for the project too: the admin gets one more, then the project's limit of 4 holds.
    expect((await admin.request('POST', testPath)).status).toBe(200)
    const projectRefusal = await admin.request('POST', testPath)
    expectRefusal(projectRefusal, 4)
    await honourRetryAfter(projectRefusal)
    expect((await admin.request('POST', testPath)).status).toBe(200)
  })

  it('records a limit hit as a security event the project audit shows', async () => {
    const listed = await project.owner.request('GET', `/api/platform/projects/${project.ref}/audit?kind=security`)
    expect(listed.status).toBe(200)
    const items = listed.body.items as Array<{ code: string; status: number; route: string | null }>
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'RATE_LIMITED', status: 429, route: '/api/platform/projects/[ref]' }),
        expect.objectContaining({ code: 'RATE_LIMITED', status: 429, route: '/api/platform/redis/[ref]/connections/[id]/test' }),
      ])
    )
  })
})

describe('limits shared by instances', () => {
  it('holds one user to the read limit across three Studios on one platform database', async () => {
    const project = await limitedProject(a())
    const path = `/api/platform/projects/${project.ref}`
    const urls = [a(), b(), c()]
    // Each Studio's platform pool opened first (by another user): on a busy shared Postgres a new
    // connection can fail, and a Studio whose store fails counts in its own memory until it recovers.
    const warm = await project.member('read_only')
    await burst(30, (index) => warm.request('GET', path, { baseUrl: urls[index % 3] }))
    const responses = await burst(60, (index) => project.owner.request('GET', path, { baseUrl: urls[index % 3] }))
    const passed = countOf(responses, 200)
    // Per-instance counting would let all 60 through (20 per Studio); the shared count stops at 30.
    expect(passed).toBeGreaterThanOrEqual(27)
    expect(passed).toBeLessThanOrEqual(33)
    expect(countOf(responses, 429)).toBe(60 - passed)
  })
})

/** Opens an upgrade that the server may refuse; resolves with the 101 socket or the refusal. */
function tryUpgrade(ref: string, token: string, baseUrl: string): Promise<{ ws?: WebSocket; status: number; retryAfter?: string; code?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(subscribePath(ref), baseUrl), [PUBSUB_PROTOCOL, tokenProtocol(token)])
    ws.once('open', () => resolve({ ws, status: 101 }))
    ws.once('unexpected-response', (_req, res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk))
      res.on('end', () => {
        const code = (JSON.parse(text) as { error: { code: string } }).error.code
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, code })
      })
    })
    ws.once('error', (error) => {
      if (!ws.listenerCount('unexpected-response')) reject(error)
    })
  })
}

describe('WebSocket cap', () => {
  it('caps a user’s open pub/sub sockets across instances and frees a slot when one closes', async () => {
    const project = await limitedProject(a())
    const other = await project.member('read_only')
    const viewers: PubSubViewer[] = []
    try {
      for (const url of [a(), b(), c()]) viewers.push(await openViewer(project.ref, project.owner.token, '', { baseUrl: url }))
      const refused = await tryUpgrade(project.ref, project.owner.token, a())
      expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' })
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1)
      // Another member of the project is not affected by the owner's cap.
      viewers.push(await openViewer(project.ref, other.token, '', { baseUrl: c() }))

      await viewers[1]!.close()
      // The slot is freed when the server sees the close; the retry waits as Retry-After says.
      let retried = await tryUpgrade(project.ref, project.owner.token, c())
      for (let attempt = 0; retried.status === 429 && attempt < 10; attempt++) {
        await sleep(Number(retried.retryAfter) * 100)
        retried = await tryUpgrade(project.ref, project.owner.token, c())
      }
      expect(retried.status).toBe(101)
      retried.ws!.close()
    } finally {
      await Promise.all(viewers.map((viewer) => viewer.close()))
    }
  })
})

describe('failed authentication', () => {
  it('answers 429 to an address after repeated 401s, valid tokens included, until the window ends', async () => {
    const user = await limitedUser(a())
    const forged = `${(await mintToken({ sub: user.id })).slice(0, -4)}AAAA`
    for (let attempt = 0; attempt < 5; attempt++) {
      const denied = await apiRequest('GET', '/api/platform/projects', { token: forged, baseUrl: b() })
      expect(denied.status).toBe(401)
    }
    // From any instance: the count is shared.
    const refused = await user.request('GET', '/api/platform/projects', { baseUrl: c() })
    expect(refused.status).toBe(429)
    expect(errorOf(refused).code).toBe('RATE_LIMITED')
    await honourRetryAfter(refused)
    expect((await user.request('GET', '/api/platform/projects')).status).toBe(200)
  })
})

describe('embedded (self-hosted) mode', () => {
  it('limits with in-memory counters on the single instance', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'multibase-ratelimit-'))
    const studio = await startStudio({ NEXT_PUBLIC_IS_PLATFORM: 'false', DATABASE_URL: '', PLATFORM_DATA_DIR: dataDir, ...LIMITED_ENV })
    try {
      const responses = await burst(31, () => apiRequest('GET', '/api/platform/projects/default', { baseUrl: studio.url }))
      expect(countOf(responses, 200)).toBe(30)
      const refused = refusedOf(responses)
      expectRefusal(refused, 30)
      await honourRetryAfter(refused)
      expect((await apiRequest('GET', '/api/platform/projects/default', { baseUrl: studio.url })).status).toBe(200)
    } finally {
      await studio.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
