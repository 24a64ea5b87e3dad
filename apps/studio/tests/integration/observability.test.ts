import { randomBytes, randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import { parsePrometheus, sampleTotal } from '../helpers/prometheus'
import { adminQuery, postgresEndpoint, postgresUrlFor, redisEndpoint } from '../helpers/services'
import { mintToken, TEST_JWT_SECRET } from '../helpers/tokens'
import { startStudio, type StudioProcess } from '../setup/studio-process'

/**
 * Three Studio processes on loopback sharing one platform database, as behind a load balancer: each
 * exposes its own /api/metrics (read here with a Prometheus text parser) and writes its own access log.
 */
const METRICS_TOKEN = `metrics-${randomBytes(16).toString('hex')}`
const database = `multibase_test_obs_${randomUUID().replace(/-/g, '').slice(0, 10)}`
const studios: StudioProcess[] = []

async function scrape(studio: StudioProcess) {
  const response = await fetch(`${studio.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/plain')
  return parsePrometheus(await response.text())
}

const call = (studio: StudioProcess, method: string, path: string, token: string, body?: unknown) =>
  apiRequest(method, path, { baseUrl: studio.url, token, body })

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE ${database}`)
  const env = {
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: postgresUrlFor(database),
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: inject('encryptionKeys'),
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
    METRICS_TOKEN,
    LOG_LEVEL: 'info',
  }
  // The first applies the migrations; the other two find them applied, like a rolling deploy.
  studios.push(await startStudio(env))
  // allSettled: a Studio that did start is stopped in afterAll even when its sibling failed to.
  const rest = await Promise.allSettled([startStudio(env), startStudio(env)])
  for (const result of rest) if (result.status === 'fulfilled') studios.push(result.value)
  const failed = rest.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
}, 300_000)

afterAll(async () => {
  await Promise.all(studios.map((studio) => studio.stop()))
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
})

describe('GET /api/metrics', () => {
  it('is 404 where METRICS_TOKEN is unset and 401 without the right bearer token', async () => {
    const unset = await apiRequest('GET', '/api/metrics')
    expect(unset.status).toBe(404)
    const [a] = studios
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token-of-some-length' }, { authorization: `Basic ${METRICS_TOKEN}` }]) {
      const refused = await apiRequest('GET', '/api/metrics', { baseUrl: a.url, headers })
      expect(refused.status).toBe(401)
      expect(errorOf(refused).code).toBe('INVALID_METRICS_TOKEN')
    }
    // A user's GoTrue token is not a metrics token.
    const userToken = await mintToken({ sub: randomUUID() })
    expect((await apiRequest('GET', '/api/metrics', { baseUrl: a.url, token: userToken })).status).toBe(401)
  })

  it('counts requests per instance, by route template and status', async () => {
    const [a, b, c] = studios
    const token = await mintToken({ sub: randomUUID() })
    const profile = { method: 'GET', route: '/api/platform/profile', status: '200' }
    const before = await Promise.all(studios.map(scrape))

    for (let i = 0; i < 3; i++) expect((await call(a, 'GET', '/api/platform/profile', token)).status).toBe(200)
    expect((await call(b, 'GET', '/api/platform/profile', token)).status).toBe(200)

    const after = await Promise.all(studios.map(scrape))
    const moved = (index: number) =>
      sampleTotal(after[index], 'multibase_http_requests_total', profile) -
      sampleTotal(before[index], 'multibase_http_requests_total', profile)
    expect([moved(0), moved(1), moved(2)]).toEqual([3, 1, 0])
    // Latency is a histogram; this parser keeps only its buckets (it folds labelled histograms).
    const latency = after[0].get('multibase_http_request_duration_seconds')
    expect(latency?.type).toBe('HISTOGRAM')
    expect(Number(latency?.metrics[0]?.buckets?.['+Inf'])).toBeGreaterThan(0)
    expect(c.url).not.toBe(a.url)
    // The scrape itself is a request too, labelled by its template.
    expect(sampleTotal(after[0], 'multibase_http_requests_total', { route: '/api/metrics', status: '200' })).toBeGreaterThan(0)
  })

  it('counts authentication failures by code, and labels carry no path or key', async () => {
    const [a] = studios
    const before = await scrape(a)
    const secretLookingKey = `user-key-${randomUUID()}`
    expect((await apiRequest('GET', `/api/platform/redis/p-none/keys/${secretLookingKey}`, { baseUrl: a.url, token: 'not-a-jwt' })).status).toBe(401)
    expect((await apiRequest('GET', '/api/platform/profile', { baseUrl: a.url })).status).toBe(401)
    const after = await scrape(a)
    expect(sampleTotal(after, 'multibase_auth_failures_total') - sampleTotal(before, 'multibase_auth_failures_total')).toBe(2)
    expect(sampleTotal(after, 'multibase_http_requests_total', { route: '/api/platform/redis/[ref]/keys/[key]', status: '401' })).toBe(1)
    const text = await (await fetch(`${a.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text()
    expect(text).not.toContain(secretLookingKey)
    expect(text).not.toContain('p-none')
    // The counter a rate limiter reports to exists from the start.
    expect(after.has('multibase_rate_limit_hits_total')).toBe(true)
  })

  it('shows each pool on the instance that holds it, and jobs from the shared database', async () => {
    const [, b, c] = studios
    const owner = await mintToken({ sub: randomUUID() })
    const ref = await createProjectOn(b, owner)
    const endpoint = redisEndpoint()
    const connection = await call(b, 'POST', `/api/platform/redis/${ref}/connections`, owner, {
      identifier: 'obs-redis',
      host: endpoint.host,
      port: endpoint.port,
    })
    expect(connection.status).toBe(201)
    const info = await call(b, 'GET', `/api/platform/redis/${ref}/info`, owner)
    expect(info.status, JSON.stringify(info.body)).toBe(200)

    const labels = { engine: 'redis', connection_id: connection.body.id, state: 'size' }
    expect(sampleTotal(await scrape(b), 'multibase_pool_clients', labels)).toBeGreaterThanOrEqual(1)
    expect(sampleTotal(await scrape(c), 'multibase_pool_clients', labels)).toBe(0)
    expect((await scrape(c)).get('multibase_jobs')?.type).toBe('GAUGE')
  })
})

describe('access log', () => {
  it('writes one JSON line per request with the fields, and no password or connection string', async () => {
    const [a] = studios
    const userId = randomUUID()
    const owner = await mintToken({ sub: userId })
    const ref = await createProjectOn(a, owner)
    const password = `Pw-${randomBytes(12).toString('hex')}`
    const endpoint = postgresEndpoint()
    const created = await call(a, 'POST', `/api/platform/postgres/${ref}/connections`, owner, {
      identifier: 'obs-secret',
      host: endpoint.host,
      port: endpoint.port,
      username: 'postgres',
      password,
      options: { database: 'postgres' },
    })
    expect(created.status).toBe(201)
    const requestId = created.headers.get('x-request-id')

    const line = await waitForLogLine(a, (entry) => entry.requestId === requestId)
    expect(line).toMatchObject({
      level: 'info',
      message: 'request',
      method: 'POST',
      route: '/api/platform/postgres/[ref]/connections',
      status: 201,
      userId,
      projectRef: ref,
    })
    expect(typeof line.durationMs).toBe('number')
    expect(typeof line.time).toBe('string')
    const output = a.output()
    expect(output).not.toContain(password)
    expect(output).not.toMatch(/postgres(ql)?:\/\/[^\s"]*:[^\s"]*@/)
    expect(output).not.toContain(postgresUrlFor(database))
    expect(output.split('\n').filter((text) => text.includes(`"requestId":"${requestId}"`) && text.includes('"message":"request"'))).toHaveLength(1)
  })
})

async function createProjectOn(studio: StudioProcess, token: string): Promise<string> {
  const slug = `obs-${randomUUID().slice(0, 8)}`
  const org = await call(studio, 'POST', '/api/platform/organizations', token, { name: slug, slug })
  expect(org.status, JSON.stringify(org.body)).toBe(201)
  const ref = `p-${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const project = await call(studio, 'POST', '/api/platform/projects', token, { organizationId: org.body.id, name: ref, ref })
  expect(project.status, JSON.stringify(project.body)).toBe(201)
  return ref
}

/** The log is written asynchronously; the line shows up on stdout shortly after the response. */
async function waitForLogLine(studio: StudioProcess, match: (entry: Record<string, unknown>) => boolean) {
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const text of studio.output().split('\n')) {
      if (!text.startsWith('{')) continue
      const entry = JSON.parse(text) as Record<string, unknown>
      if (entry.message === 'request' && match(entry)) return entry
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no access log line found in:\n${studio.output().slice(-2000)}`)
}
