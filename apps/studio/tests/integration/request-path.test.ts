import { randomUUID } from 'node:crypto'

import { REDIS_STRING_PREVIEW_BYTES } from '@multibase/api-contracts'
import type Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiRequest, errorOf, type ApiResponse } from '../helpers/api'
import { addConnection, createUser, type TestProject, type TestUser } from '../helpers/fixtures'
import { keyPath, projectOnRedisDatabase, redisDatabase } from '../helpers/redis-keys'

/**
 * The lean request path (issue 12): a shallow /api/health, the `type=string` read, and every answer
 * still carrying the security headers and X-Request-Id after they moved into one writeHead.
 * Redis database 14, keys under this run's own prefix (never flushed: other files may share it).
 */
const DB = 14
const prefix = `rp:${randomUUID().slice(0, 8)}:`

let project: TestProject
let owner: TestUser
let redis: Redis

beforeAll(async () => {
  redis = redisDatabase(DB)
  project = await projectOnRedisDatabase(DB)
  owner = project.owner
})

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`)
  if (keys.length > 0) await redis.del(...keys)
  redis.disconnect()
})

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

function expectApiHeaders(response: ApiResponse, requestId?: string) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value)
  const id = response.headers.get('x-request-id')
  expect(id).toMatch(/^[A-Za-z0-9._-]{1,64}$/)
  if (requestId) expect(id).toBe(requestId)
}

const read = (name: string | Buffer, query: Record<string, string> = {}, user = owner) => user.request('GET', keyPath(project.ref, name, '', query))

describe('GET /api/health', () => {
  it('answers from the process alone, and reports the platform database only with deep=1', async () => {
    const shallow = await apiRequest('GET', '/api/health')
    expect(shallow.status).toBe(200)
    expect(shallow.body).toEqual({ status: 'ok', platformDatabase: 'not-checked' })
    expectApiHeaders(shallow)

    const deep = await apiRequest('GET', '/api/health?deep=1', { headers: { 'x-request-id': 'probe-1' } })
    expect(deep.status).toBe(200)
    expect(deep.body).toEqual({ status: 'ok', platformDatabase: 'postgres' })
    expectApiHeaders(deep, 'probe-1')
  })

  it('refuses unknown query fields and values (strict)', async () => {
    const unknown = await apiRequest('GET', '/api/health?verbose=1')
    expect(unknown.status).toBe(400)
    expect(errorOf(unknown).code).toBe('VALIDATION_ERROR')
    expectApiHeaders(unknown)
    expect((await apiRequest('GET', '/api/health?deep=yes')).status).toBe(400)
  })
})

describe('GET keys/[key]?type=string', () => {
  it('reads a string with one GETRANGE: the same value, metadata marked as not read', async () => {
    const name = `${prefix}small`
    await redis.set(name, 'héllo wörld', 'EX', 600)
    const full = await read(name)
    const hinted = await read(name, { type: 'string' })
    expect(full.status).toBe(200)
    expect(hinted.status).toBe(200)
    expect(full.body.ttl).toBeGreaterThan(500)
    expect(hinted.body).toEqual({
      ...full.body,
      ttl: null,
      length: null,
      objectEncoding: null,
      memoryUsage: null,
      metadataOmitted: true,
    })
    expect(full.body.metadataOmitted).toBeUndefined()
    expectApiHeaders(hinted)
  })

  it('truncates a large value at the same byte as the full read, without splitting a character', async () => {
    const name = `${prefix}large`
    // Three-byte characters, so the preview bound falls inside one of them.
    await redis.set(name, 'x' + '€'.repeat(REDIS_STRING_PREVIEW_BYTES / 3 + 10))
    const full = await read(name)
    const hinted = await read(name, { type: 'string' })
    expect(full.body.value.truncated).toBe(true)
    expect(hinted.body.value).toEqual(full.body.value)
    expect(hinted.body.valueEncoding).toBe(full.body.valueEncoding)
  })

  it('keeps binary values and binary key names exact (base64), as the full read does', async () => {
    const name = Buffer.concat([Buffer.from(prefix), Buffer.from([0xff, 0x00, 0x80])])
    await redis.set(name, Buffer.from([0x00, 0xfe, 0xc3, 0x28]))
    const full = await read(name)
    const hinted = await read(name, { type: 'string' })
    expect(hinted.status).toBe(200)
    expect(hinted.body.valueEncoding).toBe('base64')
    expect({ name: hinted.body.name, encoding: hinted.body.encoding, value: hinted.body.value }).toEqual({
      name: full.body.name,
      encoding: full.body.encoding,
      value: full.body.value,
    })
  })

  it('falls back to the full read when the hint is stale: another type, an empty string, a missing key', async () => {
    const hash = `${prefix}hash`
    await redis.hset(hash, 'field', 'value')
    const fullHash = await read(hash)
    const hintedHash = await read(hash, { type: 'string' })
    expect(hintedHash.status).toBe(200)
    expect(hintedHash.body).toEqual(fullHash.body)
    expect(hintedHash.body.value.type).toBe('hash')

    const empty = `${prefix}empty`
    await redis.set(empty, '')
    const hintedEmpty = await read(empty, { type: 'string' })
    expect(hintedEmpty.body).toEqual(await read(empty).then((response) => response.body))
    expect(hintedEmpty.body.length).toBe(0)

    const missing = await read(`${prefix}missing`, { type: 'string' })
    expect(missing.status).toBe(404)
    expect(errorOf(missing).code).toBe('KEY_NOT_FOUND')
    expectApiHeaders(missing)
  })

  it('accepts only type=string', async () => {
    const name = `${prefix}small`
    const other = await read(name, { type: 'hash' })
    expect(other.status).toBe(400)
    expect(errorOf(other).code).toBe('VALIDATION_ERROR')
  })

  it('lets a read_only member read with the hint, and gives a stranger the unknown-project 404', async () => {
    const name = `${prefix}members`
    await redis.set(name, 'v')
    const viewer = await project.member('read_only')
    const viewed = await read(name, { type: 'string' }, viewer)
    expect(viewed.status).toBe(200)
    expect(viewed.body.value.value).toBe('v')
    const stranger = await createUser()
    const refused = await read(name, { type: 'string' }, stranger)
    expect(refused.status).toBe(404)
    const unknownProject = await stranger.request('GET', keyPath(`p-${randomUUID().slice(0, 8)}`, name, '', { type: 'string' }))
    expect(refused.body.error.code).toBe(unknownProject.body.error.code)
  })
})

describe('every answer still carries the security headers and X-Request-Id', () => {
  it('a JSON answer, a self-written download, JSON text, an error, a 405 and an unknown path', async () => {
    const name = `${prefix}download`
    await redis.set(name, 'bytes')
    const json = await owner.request('GET', `/api/platform/redis/${project.ref}/keys?pattern=${encodeURIComponent(prefix + '*')}`)
    expect(json.status).toBe(200)
    expectApiHeaders(json)

    const download = await read(name, { download: 'true' })
    expect(download.status).toBe(200)
    expect(download.body).toBe('bytes')
    expect(download.headers.get('content-disposition')).toContain('attachment')
    expectApiHeaders(download)

    await addConnection(project, 'postgres')
    const tables = await apiRequest('GET', `/api/platform/pg-meta/${project.ref}/tables?included_schemas=public&limit=1`, {
      token: owner.token,
      headers: { 'x-request-id': 'tables-1' },
    })
    expect(tables.status).toBe(200)
    expect(tables.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expectApiHeaders(tables, 'tables-1')

    const denied = await apiRequest('GET', `/api/platform/redis/${project.ref}/keys`)
    expect(denied.status).toBe(401)
    expectApiHeaders(denied, errorOf(denied).requestId)

    const wrongMethod = await apiRequest('PATCH', '/api/health')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('GET')
    expectApiHeaders(wrongMethod)

    const unknown = await apiRequest('GET', '/api/no/such/route?x=1')
    expect(unknown.status).toBe(404)
    expectApiHeaders(unknown, errorOf(unknown).requestId)
  })
})
