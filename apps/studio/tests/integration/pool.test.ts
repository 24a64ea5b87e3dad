import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import { createScratchDatabase, startOwnRedis, type OwnRedis } from '../helpers/own-servers'
import { TEST_JWT_SECRET, mintToken } from '../helpers/tokens'
import { startStudio, type StudioProcess } from '../setup/studio-process'

const MAX = 3

let studio: StudioProcess
let redis: OwnRedis
let dropDb: () => Promise<void>
let token: string
let ref: string
let connectionId: string

const call = (method: string, path: string, body?: unknown) => apiRequest(method, path, { token, body, baseUrl: studio.url })
const testConnection = () => call('POST', `/api/platform/redis/${ref}/connections/${connectionId}/test`)
const poolStats = async () => (await call('GET', `/api/platform/projects/${ref}/pool-stats`)).body.pools[0]

/** Clients our Studio holds on the test's own redis-server, as the server sees them. */
async function studioClientsOnServer(): Promise<number> {
  const admin = new Redis({ port: redis.port, host: '127.0.0.1', lazyConnect: true })
  await admin.connect()
  const list = (await admin.client('LIST')) as string
  admin.disconnect()
  return list.split('\n').filter((line) => line.includes('name=multibase-studio')).length
}

beforeAll(async () => {
  redis = await startOwnRedis()
  const db = await createScratchDatabase()
  dropDb = db.drop
  studio = await startStudio({
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: db.url,
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: `pool:${Buffer.alloc(32, 7).toString('base64')}`,
    ALLOWED_DATABASE_HOSTS: '127.0.0.1',
    POOL_MAX_CLIENTS: String(MAX),
    POOL_ACQUIRE_TIMEOUT_MS: '400',
  })
  token = await mintToken()
  const org = await call('POST', '/api/platform/organizations', { name: 'pool', slug: `pool-${Date.now()}` })
  ref = `pool-${Date.now()}`
  await call('POST', '/api/platform/projects', { organizationId: org.body.id, name: ref, ref })
  connectionId = (await call('POST', `/api/platform/redis/${ref}/connections`, { identifier: 'own', host: '127.0.0.1', port: redis.port })).body.id
})

afterAll(async () => {
  await studio?.stop()
  await redis?.stop()
  await dropDb?.()
})

describe('pool manager', () => {
  it('serves many concurrent requests with at most max clients per connection', async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, () => testConnection()))
    expect(responses.every((response) => response.status === 200)).toBe(true)
    const stats = await poolStats()
    expect(stats.max).toBe(MAX)
    expect(stats.size).toBeLessThanOrEqual(MAX)
    expect(stats.borrowed).toBe(0)
    expect(await studioClientsOnServer()).toBeLessThanOrEqual(MAX)
  })

  it('answers 503 POOL_EXHAUSTED when every client is busy, then returns to zero borrowed', async () => {
    // DEBUG SLEEP blocks the server, so every borrowed client waits on its PING.
    const blocker = new Redis({ port: redis.port, host: '127.0.0.1' })
    const sleeping = blocker.call('DEBUG', 'SLEEP', '1.5')
    await new Promise((resolve) => setTimeout(resolve, 50))
    const responses = await Promise.all(Array.from({ length: MAX + 5 }, () => testConnection()))
    await sleeping
    blocker.disconnect()
    const exhausted = responses.filter((response) => response.status === 503)
    expect(exhausted.length).toBeGreaterThanOrEqual(5)
    for (const response of exhausted) {
      expect(errorOf(response).code).toBe('POOL_EXHAUSTED')
      expect(response.headers.get('retry-after')).toBe('1')
    }
    const succeeded = responses.filter((response) => response.status === 200)
    expect(succeeded.length).toBeLessThanOrEqual(MAX)
    const stats = await poolStats()
    expect(stats.borrowed).toBe(0)
    expect(stats.pending).toBe(0)
    expect((await testConnection()).status).toBe(200)
  })

  it('gives 503s during a Redis outage and recovers fully after it', async () => {
    expect((await testConnection()).status).toBe(200)
    await redis.stop()
    const during = await Promise.all(Array.from({ length: 10 }, () => testConnection()))
    for (const response of during) {
      expect(response.status).toBe(503)
      expect(errorOf(response).code).toBe('DATABASE_UNAVAILABLE')
    }
    await redis.start()
    let recovered = await testConnection()
    for (let attempt = 0; attempt < 20 && recovered.status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      recovered = await testConnection()
    }
    expect(recovered.status).toBe(200)
    const after = await Promise.all(Array.from({ length: 10 }, () => testConnection()))
    expect(after.every((response) => response.status === 200)).toBe(true)
    expect((await poolStats()).borrowed).toBe(0)
  })

  it('closes the old clients when a connection is edited', async () => {
    await Promise.all(Array.from({ length: 5 }, () => testConnection()))
    expect(await studioClientsOnServer()).toBeGreaterThan(0)
    const edited = await call('PUT', `/api/platform/redis/${ref}/connections/${connectionId}`, { identifier: 'own-renamed' })
    expect(edited.status).toBe(200)
    expect(await studioClientsOnServer()).toBe(0)
    expect((await testConnection()).status).toBe(200)
    expect(await studioClientsOnServer()).toBe(1)
  })

  it('closes the clients of a deleted connection', async () => {
    await testConnection()
    await call('DELETE', `/api/platform/redis/${ref}/connections/${connectionId}`)
    expect(await studioClientsOnServer()).toBe(0)
    expect(await poolStats()).toBeUndefined()
  })

  it('drains its pools and exits cleanly on SIGTERM', async () => {
    const replacement = (await call('POST', `/api/platform/redis/${ref}/connections`, { identifier: 'drain', host: '127.0.0.1', port: redis.port })).body
    connectionId = replacement.id
    await Promise.all(Array.from({ length: 5 }, () => testConnection()))
    expect(await studioClientsOnServer()).toBeGreaterThan(0)
    expect(await studio.stop()).toBe(0)
    expect(await studioClientsOnServer()).toBe(0)
  })
})
