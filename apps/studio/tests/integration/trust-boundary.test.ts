import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import { withAdminClient } from '../helpers/pg-fixture'
import { rawRequest, upgradeHeaders, type RawResponse } from '../helpers/raw-http'
import { postgresEndpoint } from '../helpers/services'
import { mintToken } from '../helpers/tokens'
import { startStudio, type StudioProcess } from '../setup/studio-process'

const selfHosted = () => inject('selfHostedUrl')
const selfHostedHost = () => new URL(selfHosted()).host
const connectionsPath = '/api/platform/postgres/default/connections'

/** What a cross-site page would try: create a connection, then run SQL through it. */
const connectionBody = () => {
  const endpoint = postgresEndpoint()
  return JSON.stringify({
    identifier: `xsite-${randomUUID().slice(0, 8)}`,
    host: endpoint.host,
    port: endpoint.port,
    username: endpoint.username ?? 'postgres',
  })
}

async function connectionIdentifiers(): Promise<string[]> {
  const listed = await apiRequest('GET', connectionsPath, { baseUrl: selfHosted() })
  expect(listed.status).toBe(200)
  return (listed.body as Array<{ identifier: string }>).map((connection) => connection.identifier)
}

function expectRefused(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status)
  expect(response.json?.error?.code).toBe(code)
  expect(response.headers['x-content-type-options']).toBe('nosniff')
}

describe('a self-hosted Studio cannot be driven from another site', () => {
  let legitimateId: string
  const table = `xsite_${randomUUID().replace(/-/g, '').slice(0, 12)}`

  beforeAll(async () => {
    // A connection the local user made (JSON, no Origin: how curl and scripts call it).
    const endpoint = postgresEndpoint()
    const created = await apiRequest('POST', connectionsPath, {
      baseUrl: selfHosted(),
      body: {
        identifier: `local-${table}`,
        host: endpoint.host,
        port: endpoint.port,
        username: endpoint.username ?? 'postgres',
      },
    })
    expect(created.status).toBe(201)
    legitimateId = created.body.id
  })
  afterAll(async () => {
    await apiRequest('DELETE', `${connectionsPath}/${legitimateId}`, { baseUrl: selfHosted() })
  })

  const tableExists = () =>
    withAdminClient(
      undefined,
      async (client) =>
        (await client.query('SELECT to_regclass($1) AS found', [`public.${table}`])).rows[0].found !== null
    )

  it('refuses text/plain and form-encoded bodies (415) and creates nothing', async () => {
    const before = await connectionIdentifiers()
    const text = await rawRequest(selfHosted() + connectionsPath, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: connectionBody(),
    })
    expectRefused(text, 415, 'UNSUPPORTED_MEDIA_TYPE')
    const form = await rawRequest(selfHosted() + connectionsPath, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'identifier=xsite&host=127.0.0.1',
    })
    expectRefused(form, 415, 'UNSUPPORTED_MEDIA_TYPE')
    const sql = await rawRequest(`${selfHosted()}/api/platform/pg-meta/default/query?connectionId=${legitimateId}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://evil.example' },
      body: JSON.stringify({ query: `CREATE TABLE ${table} (id int)` }),
    })
    expect([403, 415]).toContain(sql.status)
    expect(await connectionIdentifiers()).toEqual(before)
    expect(await tableExists()).toBe(false)
  })

  it('refuses foreign, opaque and wrong-scheme origins (403) and runs nothing', async () => {
    const before = await connectionIdentifiers()
    for (const origin of ['http://evil.example', 'null', `https://${selfHostedHost()}`, 'http://127.0.0.1:1']) {
      const created = await rawRequest(selfHosted() + connectionsPath, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: connectionBody(),
      })
      expectRefused(created, 403, 'ORIGIN_NOT_ALLOWED')
      const sql = await rawRequest(`${selfHosted()}/api/platform/pg-meta/default/query?connectionId=${legitimateId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: `CREATE TABLE ${table} (id int)` }),
      })
      expectRefused(sql, 403, 'ORIGIN_NOT_ALLOWED')
    }
    const byReferer = await rawRequest(selfHosted() + connectionsPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', referer: 'http://evil.example/attack.html' },
      body: connectionBody(),
    })
    expectRefused(byReferer, 403, 'ORIGIN_NOT_ALLOWED')
    expect(await connectionIdentifiers()).toEqual(before)
    expect(await tableExists()).toBe(false)
  })

  it('accepts its own origin, so the UI keeps working', async () => {
    const sql = await rawRequest(`${selfHosted()}/api/platform/pg-meta/default/query?connectionId=${legitimateId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: selfHosted() },
      body: JSON.stringify({ query: 'SELECT 1 AS one' }),
    })
    expect(sql.status).toBe(200)
  })

  it('refuses a foreign Host (DNS rebinding) for GET, POST, pages and the WebSocket upgrade (421)', async () => {
    const before = await connectionIdentifiers()
    const host = 'rebind.attacker.example'
    expectRefused(await rawRequest(selfHosted() + connectionsPath, { headers: { host } }), 421, 'MISDIRECTED_HOST')
    expectRefused(
      await rawRequest(selfHosted() + connectionsPath, {
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
        body: connectionBody(),
      }),
      421,
      'MISDIRECTED_HOST'
    )
    expectRefused(await rawRequest(`${selfHosted()}/project/default`, { headers: { host } }), 421, 'MISDIRECTED_HOST')
    const upgrade = await rawRequest(`${selfHosted()}/api/platform/redis/default/pubsub/subscribe`, {
      headers: { ...upgradeHeaders, host, 'sec-websocket-protocol': 'multibase.pubsub.v1' },
    })
    expectRefused(upgrade, 421, 'MISDIRECTED_HOST')
    const foreignOrigin = await rawRequest(`${selfHosted()}/api/platform/redis/default/pubsub/subscribe`, {
      headers: { ...upgradeHeaders, origin: 'http://evil.example', 'sec-websocket-protocol': 'multibase.pubsub.v1' },
    })
    expectRefused(foreignOrigin, 403, 'ORIGIN_NOT_ALLOWED')
    expect(await connectionIdentifiers()).toEqual(before)
    // Loopback names are the Studio's own.
    expect(
      (
        await rawRequest(selfHosted() + connectionsPath, {
          headers: { host: `localhost:${new URL(selfHosted()).port}` },
        })
      ).status
    ).toBe(200)
  })
})

describe('ALLOWED_HOSTNAMES and ALLOWED_ORIGINS widen the boundary, exactly', () => {
  let studio: StudioProcess
  let dataDir: string

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'multibase-allowed-'))
    studio = await startStudio({
      NEXT_PUBLIC_IS_PLATFORM: 'false',
      DATABASE_URL: '',
      PLATFORM_DATA_DIR: dataDir,
      ALLOWED_HOSTNAMES: 'studio.lan',
      ALLOWED_ORIGINS: 'https://studio.lan',
    })
  })
  afterAll(async () => {
    await studio?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('answers a listed host name, and takes writes from a listed origin only', async () => {
    const host = `studio.lan:${studio.port}`
    expect((await rawRequest(studio.url + connectionsPath, { headers: { host } })).status).toBe(200)
    expect(
      (await rawRequest(studio.url + connectionsPath, { headers: { host: `other.lan:${studio.port}` } })).status
    ).toBe(421)
    const write = (origin: string) =>
      rawRequest(studio.url + connectionsPath, {
        method: 'POST',
        headers: { host, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: `allowed-${randomUUID().slice(0, 8)}` }),
      })
    // The listed origin gets through the boundary to validation (no host given: 400), the others do not.
    expect((await write('https://studio.lan')).json.error.code).toBe('VALIDATION_ERROR')
    expect((await write(`http://studio.lan:${studio.port}`)).status).toBe(400)
    expect((await write('https://studio.lan:8443')).json.error.code).toBe('ORIGIN_NOT_ALLOWED')
    expect((await write('http://studio.lan')).json.error.code).toBe('ORIGIN_NOT_ALLOWED')
  })
})

describe('every /api answer is the JSON error body with the security headers', () => {
  const studio = () => inject('studioUrl')

  function expectApiError(response: RawResponse, status: number) {
    expect(response.status).toBe(status)
    expect(response.headers['content-type']).toContain('application/json')
    expect(typeof response.json?.error?.code).toBe('string')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['x-frame-options']).toBe('DENY')
    expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'none'")
    expect(response.headers['referrer-policy']).toBeDefined()
    expect(response.headers['cache-control']).toBe('no-store')
  }

  it('unknown paths, malformed encoding and NUL bytes', async () => {
    expectApiError(await rawRequest(`${studio()}/api/platform/no/such/route`), 404)
    expectApiError(await rawRequest(`${studio()}/api/nothing`), 404)
    expectApiError(await rawRequest(`${studio()}/api/platform/projects/%E0%A4%A`), 400)
    expectApiError(await rawRequest(`${studio()}/api/platform/projects/a%00b`), 400)
  })

  it('405, 401 and a JSON body with an unknown field', async () => {
    const wrongMethod = await rawRequest(`${studio()}/api/platform/projects`, { method: 'PATCH' })
    expectApiError(wrongMethod, 405)
    expect(wrongMethod.headers.allow).toBeDefined()
    expectApiError(await rawRequest(`${studio()}/api/platform/projects`), 401)
  })

  it('413 for a declared body over the limit, before it is read', async () => {
    const response = await rawRequest(`${studio()}/api/platform/organizations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(64 * 1024 * 1024),
        authorization: 'Bearer x.y.z',
      },
      body: '{}',
    })
    // Authentication runs first: a stranger cannot make the server read a large body at all.
    expectApiError(response, 401)
    const authenticated = await rawRequest(`${studio()}/api/platform/organizations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(64 * 1024 * 1024),
        authorization: `Bearer ${await mintToken()}`,
      },
      body: '{}',
    })
    expectApiError(authenticated, 413)
    expect(authenticated.json.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('refuses unknown fields in a body (400) and creates nothing', async () => {
    const token = await mintToken()
    const slug = `strict-${randomUUID().slice(0, 8)}`
    const response = await apiRequest('POST', '/api/platform/organizations', {
      token,
      body: { name: slug, slug, plan: 'enterprise' },
    })
    expect(response.status).toBe(400)
    expect(errorOf(response).code).toBe('VALIDATION_ERROR')
    const organizations = await apiRequest('GET', '/api/platform/organizations', { token })
    expect(organizations.body).toEqual([])
  })

  it('431 for oversized headers', async () => {
    const response = await rawRequest(`${studio()}/api/platform/projects`, {
      headers: { 'x-filler': 'a'.repeat(40_000) },
    })
    expect(response.status).toBe(431)
    expect(response.json?.error?.code).toBe('HEADERS_TOO_LARGE')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
  })

  it('400 for a request node cannot parse', async () => {
    const { port } = new URL(studio())
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'))
      let text = ''
      socket.on('data', (chunk) => (text += chunk))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(answer.startsWith('HTTP/1.1 400')).toBe(true)
    expect(answer).toContain('X-Content-Type-Options: nosniff')
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.code).toBe('BAD_REQUEST')
  })

  it('pages get the anti-framing and nosniff headers too', async () => {
    const page = await fetch(`${studio()}/sign-in`)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })
})
