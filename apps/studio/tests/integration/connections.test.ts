import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import { addConnection, createProject, type Engine, type TestProject } from '../helpers/fixtures'
import { mongodbEndpoint, postgresEndpoint, redisEndpoint } from '../helpers/services'
import { freePort } from '../setup/studio-process'

const SECRET = 'Sup3r-Secret-Passw0rd!'
const engines: Engine[] = ['redis', 'mongodb', 'postgres']
const endpoints = { redis: redisEndpoint, mongodb: mongodbEndpoint, postgres: postgresEndpoint }

let platformDb: Client
let project: TestProject

beforeAll(async () => {
  platformDb = new Client({ connectionString: inject('platformDatabaseUrl') })
  await platformDb.connect()
  project = await createProject()
})
afterAll(async () => platformDb.end())

function expectNoSecret(body: unknown) {
  const text = JSON.stringify(body)
  expect(text).not.toContain(SECRET)
  expect(text).not.toMatch(/:\/\/[^/\s]*:[^@\s]*@/)
}

describe.each(engines)('%s connection registry', (engine) => {
  const base = () => `/api/platform/${engine}/${project.ref}/connections`

  it('creates, reads, tests, updates and deletes a connection without ever returning the password', async () => {
    const endpoint = endpoints[engine]()
    const created = await project.owner.request('POST', base(), {
      identifier: `${engine}-crud`,
      host: endpoint.host,
      port: endpoint.port,
      ...(engine === 'postgres' ? { username: endpoint.username ?? 'postgres' } : {}),
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ type: engine, identifier: `${engine}-crud`, host: endpoint.host, port: endpoint.port, hasPassword: false })
    const id = created.body.id

    const tested = await project.owner.request('POST', `${base()}/${id}/test`)
    expect(tested.status).toBe(200)
    expect(tested.body.ok).toBe(true)
    expect(tested.body.latencyMs).toBeGreaterThanOrEqual(0)
    expect(tested.body.serverVersion).toMatch(/^\d+\.\d+/)

    const read = await project.owner.request('GET', `${base()}/${id}`)
    expect(read.body.status).toBe('active')

    const updated = await project.owner.request('PUT', `${base()}/${id}`, { identifier: `${engine}-renamed`, password: SECRET })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ identifier: `${engine}-renamed`, hasPassword: true })
    expectNoSecret(updated.body)
    expect('password' in updated.body).toBe(false)

    const cleared = await project.owner.request('PUT', `${base()}/${id}`, { password: null })
    expect(cleared.body.hasPassword).toBe(false)

    const deleted = await project.owner.request('DELETE', `${base()}/${id}`)
    expect(deleted.status).toBe(200)
    expect((await project.owner.request('GET', `${base()}/${id}`)).status).toBe(404)
  })

  it('fails cleanly with bad credentials and never echoes them', async () => {
    const endpoint = endpoints[engine]()
    const created = await project.owner.request('POST', base(), {
      identifier: `${engine}-badcreds`,
      host: endpoint.host,
      port: endpoint.port,
      username: 'no_such_user_multibase',
      password: SECRET,
    })
    expectNoSecret(created.body)
    const tested = await project.owner.request('POST', `${base()}/${created.body.id}/test`)
    expect(tested.status).toBe(503)
    const error = errorOf(tested)
    expect(error.code).toBe('DATABASE_AUTH_FAILED')
    expectNoSecret(tested.body)
    const read = await project.owner.request('GET', `${base()}/${created.body.id}`)
    expect(read.body.status).toBe('error')
  })

  it('fails cleanly when nothing listens at the address', async () => {
    const port = await freePort()
    const created = await project.owner.request('POST', base(), { identifier: `${engine}-closed`, host: '127.0.0.1', port, password: SECRET })
    const tested = await project.owner.request('POST', `${base()}/${created.body.id}/test`)
    expect(tested.status).toBe(503)
    expect(errorOf(tested).code).toBe('DATABASE_UNAVAILABLE')
    expectNoSecret(tested.body)
  })

  it('accepts a connection URL, stores its password sealed and never the URL', async () => {
    const endpoint = endpoints[engine]()
    const scheme = engine === 'postgres' ? 'postgres' : engine
    const url = `${scheme}://someone:${encodeURIComponent(SECRET)}@${endpoint.host}:${endpoint.port}/`
    const created = await project.owner.request('POST', base(), { identifier: `${engine}-url`, url })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ host: endpoint.host, port: endpoint.port, username: 'someone', hasPassword: true })
    expectNoSecret(created.body)
    const rows = await platformDb.query('SELECT * FROM platform.database_connections WHERE id = $1', [created.body.id])
    expect(JSON.stringify(rows.rows)).not.toContain(SECRET)
  })

  it('rejects invalid input with nothing written', async () => {
    const before = (await project.owner.request('GET', base())).body.length
    for (const body of [
      { identifier: 'bad-port', host: '127.0.0.1', port: 70000 },
      { identifier: 'bad-host', host: 'not a host!', port: 1 },
      { identifier: '', host: '127.0.0.1', port: 1 },
      { identifier: 'unknown-field', host: '127.0.0.1', port: 1, sneaky: true },
      { identifier: 'bad-url', url: 'http://example.invalid' },
    ]) {
      const response = await project.owner.request('POST', base(), body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(errorOf(response).code).toBe('VALIDATION_ERROR')
    }
    expect((await project.owner.request('GET', base())).body.length).toBe(before)
  })
})

describe('secrets at rest', () => {
  it('seals the same password differently twice and refuses a tampered ciphertext', async () => {
    const first = await addConnection(project, 'redis', { identifier: 'seal-1', password: SECRET })
    const second = await addConnection(project, 'redis', { identifier: 'seal-2', password: SECRET })
    const { rows } = await platformDb.query(
      `SELECT owner_id, key_id, iv, auth_tag, ciphertext FROM platform.credentials WHERE owner_id = ANY($1) ORDER BY owner_id`,
      [[first.id, second.id]]
    )
    expect(rows).toHaveLength(2)
    expect(rows[0].ciphertext.equals(rows[1].ciphertext)).toBe(false)
    expect(rows[0].iv.equals(rows[1].iv)).toBe(false)
    for (const row of rows) {
      expect(row.key_id).toBe('test-1')
      expect(row.ciphertext.toString('utf8')).not.toContain(SECRET)
    }
    await platformDb.query(
      `UPDATE platform.credentials SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1) WHERE owner_id = $1`,
      [first.id]
    )
    const tested = await project.owner.request('POST', `/api/platform/redis/${project.ref}/connections/${first.id}/test`)
    expect(tested.status).toBe(500)
    expect(errorOf(tested).code).toBe('SECRET_TAMPERED')
  })

  it('audits connection changes without the secret', async () => {
    const connection = await addConnection(project, 'redis', { identifier: 'audited', password: SECRET })
    const { rows } = await platformDb.query(
      `SELECT action, target, status, details FROM platform.audit_log WHERE target LIKE $1 ORDER BY id`,
      [`%${project.ref}%`]
    )
    expect(rows.some((row) => row.action === 'POST /api/platform/redis/[ref]/connections' && row.status === 201)).toBe(true)
    expect(JSON.stringify(rows)).not.toContain(SECRET)
    expect(connection.hasPassword).toBe(true)
  })
})

describe('host allowlist (platform mode, empty ALLOWED_DATABASE_HOSTS)', () => {
  // The JWKS-only Studio runs with an empty allowlist. Only loopback spellings are used: nothing
  // here may name an address outside 127.0.0.0/8 and ::1.
  const baseUrl = () => inject('jwksStudioUrl')

  it.each(['127.0.0.1', 'localhost', '127.1', '2130706433', '[::1]', '[::ffff:127.0.0.1]'])(
    'refuses %s with 400 HOST_NOT_ALLOWED and writes nothing',
    async (host) => {
      const { importJWK, SignJWT } = await import('jose')
      const key = await importJWK(inject('jwksPrivateJwk'), 'RS256')
      const sign = (sub: string) =>
        new SignJWT({ sub, aud: 'authenticated', role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 600 })
          .setProtectedHeader({ alg: 'RS256', kid: inject('jwksKid') })
          .sign(key)
      const sub = crypto.randomUUID()
      const token = await sign(sub)
      const slug = `hosts-${sub.slice(0, 8)}`
      const org = await apiRequest('POST', '/api/platform/organizations', { token, baseUrl: baseUrl(), body: { name: slug, slug } })
      const ref = `h-${sub.slice(0, 8)}`
      await apiRequest('POST', '/api/platform/projects', { token, baseUrl: baseUrl(), body: { organizationId: org.body.id, name: ref, ref } })
      const response = await apiRequest('POST', `/api/platform/redis/${ref}/connections`, {
        token,
        baseUrl: baseUrl(),
        body: { identifier: 'internal', host, port: 6379 },
      })
      expect(response.status).toBe(400)
      expect(errorOf(response).code).toBe('HOST_NOT_ALLOWED')
      const listed = await apiRequest('GET', `/api/platform/redis/${ref}/connections`, { token, baseUrl: baseUrl() })
      expect(listed.body).toEqual([])
    }
  )

  it('allows the same loopback host where the operator listed it', async () => {
    const connection = await addConnection(project, 'redis', { identifier: 'allowed-loopback' })
    const tested = await project.owner.request('POST', `/api/platform/redis/${project.ref}/connections/${connection.id}/test`)
    expect(tested.status).toBe(200)
  })
})
