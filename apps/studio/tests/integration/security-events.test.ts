import { randomUUID } from 'node:crypto'

import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey } from 'jose'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import { addConnection, createProject, createUser, type TestProject } from '../helpers/fixtures'
import { rawRequest } from '../helpers/raw-http'
import { mintToken } from '../helpers/tokens'

let platformDb: Client
beforeAll(async () => {
  platformDb = new Client({ connectionString: inject('platformDatabaseUrl') })
  await platformDb.connect()
})
afterAll(async () => platformDb.end())

interface AuditItem {
  id: string
  kind: string
  action: string
  route: string | null
  code: string | null
  status: number
  requestId: string
}

describe('audit rows name the route the router matched', () => {
  it('keeps the template whatever the query string and the key name say', async () => {
    const project = await createProject()
    await addConnection(project, 'redis')
    // A key named like the project and a query value naming a path segment: a template rebuilt
    // by substituting values into the path would come out wrong for both.
    const key = project.ref
    const requestId = `tpl-${randomUUID()}`
    const created = await apiRequest('POST', `/api/platform/redis/${project.ref}/keys/${key}?x=api&y=redis`, {
      token: project.owner.token,
      headers: { 'x-request-id': requestId },
      body: { type: 'string', value: 'v' },
    })
    expect(created.status).toBe(201)
    await apiRequest('DELETE', `/api/platform/redis/${project.ref}/keys/${key}`, { token: project.owner.token })

    const listed = await project.owner.request('GET', `/api/platform/projects/${project.ref}/audit?kind=data`)
    expect(listed.status).toBe(200)
    const row = (listed.body.items as AuditItem[]).find((item) => item.requestId === requestId)
    expect(row).toMatchObject({
      kind: 'data',
      route: '/api/platform/redis/[ref]/keys/[key]',
      action: 'POST /api/platform/redis/[ref]/keys/[key]',
      status: 201,
    })
  })
})

describe('security events', () => {
  let project: TestProject
  let connectionId: string

  beforeAll(async () => {
    project = await createProject()
    connectionId = (await addConnection(project, 'redis', { identifier: 'sealed', password: 'not-a-real-password' })).id
  })

  const listSecurity = async (query = '') => {
    const listed = await project.owner.request(
      'GET',
      `/api/platform/projects/${project.ref}/audit?kind=security${query}`
    )
    expect(listed.status).toBe(200)
    return listed.body as { items: AuditItem[]; nextCursor: string | null }
  }

  it('records denials, tampering and pre-authentication refusals aimed at the project', async () => {
    const stranger = await createUser()
    const readOnly = await project.member('read_only')
    const connections = `/api/platform/redis/${project.ref}/connections`
    expect((await stranger.request('GET', connections)).status).toBe(404)
    expect(
      (await readOnly.request('POST', connections, { identifier: 'nope', host: '127.0.0.1', port: 6379 })).status
    ).toBe(403)
    expect((await apiRequest('GET', connections)).status).toBe(401)
    const foreign = await rawRequest(inject('studioUrl') + connections, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://evil.example',
        authorization: `Bearer ${project.owner.token}`,
      },
      body: JSON.stringify({ identifier: 'xsite', host: '127.0.0.1', port: 6379 }),
    })
    expect(foreign.status).toBe(403)
    const plain = await rawRequest(inject('studioUrl') + connections, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${project.owner.token}` },
      body: '{}',
    })
    expect(plain.status).toBe(415)
    await platformDb.query(
      `UPDATE platform.credentials SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1) WHERE owner_id = $1`,
      [connectionId]
    )
    const tampered = await project.owner.request(
      'POST',
      `/api/platform/redis/${project.ref}/connections/${connectionId}/test`
    )
    expect(errorOf(tampered).code).toBe('SECRET_TAMPERED')

    const { items } = await listSecurity('&limit=200')
    expect(items.every((item) => item.kind === 'security')).toBe(true)
    expect(new Set(items.map((item) => item.code))).toEqual(
      new Set([
        'PROJECT_NOT_FOUND',
        'FORBIDDEN',
        'UNAUTHORIZED',
        'ORIGIN_NOT_ALLOWED',
        'UNSUPPORTED_MEDIA_TYPE',
        'SECRET_TAMPERED',
      ])
    )
    const stored = await platformDb.query(
      `SELECT code, project_id IS NULL AS anonymous, route, ip FROM platform.audit_log WHERE kind = 'security' AND project_ref = $1 ORDER BY id`,
      [project.ref]
    )
    expect(stored.rows.find((row) => row.code === 'PROJECT_NOT_FOUND')).toMatchObject({
      anonymous: true,
      route: '/api/platform/redis/[ref]/connections',
    })
    expect(stored.rows.find((row) => row.code === 'FORBIDDEN')).toMatchObject({ anonymous: false })
    expect(stored.rows.every((row) => typeof row.ip === 'string' && row.ip.length > 0)).toBe(true)
  })

  it('folds a flood of identical denials into one row per minute', async () => {
    const stranger = await createUser()
    const target = `/api/platform/mongodb/${project.ref}/connections`
    for (let i = 0; i < 5; i++) expect((await stranger.request('GET', target)).status).toBe(404)
    const stored = await platformDb.query(
      `SELECT count(*)::int AS n FROM platform.audit_log WHERE kind = 'security' AND project_ref = $1 AND route = $2 AND user_id = $3`,
      [project.ref, '/api/platform/mongodb/[ref]/connections', stranger.id]
    )
    expect(stored.rows[0].n).toBe(1)
  })

  it('pages with limit and cursor, newest first, without overlap', async () => {
    const all = (await listSecurity('&limit=200')).items
    expect(all.length).toBeGreaterThanOrEqual(4)
    const first = await listSecurity('&limit=2')
    expect(first.items.map((item) => item.id)).toEqual(all.slice(0, 2).map((item) => item.id))
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await listSecurity(`&limit=2&cursor=${first.nextCursor}`)
    expect(second.items.map((item) => item.id)).toEqual(all.slice(2, 4).map((item) => item.id))
    const bad = await project.owner.request(
      'GET',
      `/api/platform/projects/${project.ref}/audit?cursor=bm90LWEtY3Vyc29y`
    )
    expect(errorOf(bad).code).toBe('INVALID_CURSOR')
  })

  it('separates data and admin rows', async () => {
    const admin = (await project.owner.request('GET', `/api/platform/projects/${project.ref}/audit?kind=admin`)).body
      .items as AuditItem[]
    expect(
      admin.some((item) => item.action === 'POST /api/platform/redis/[ref]/connections' && item.status === 201)
    ).toBe(true)
    expect(admin.every((item) => item.kind === 'admin')).toBe(true)
  })

  it('is for admins only: a read_only member gets 403, a stranger 404', async () => {
    const readOnly = await project.member('read_only')
    const developer = await project.member('developer')
    const stranger = await createUser()
    const path = `/api/platform/projects/${project.ref}/audit?kind=security`
    expect(errorOf(await readOnly.request('GET', path)).code).toBe('FORBIDDEN')
    expect((await developer.request('GET', path)).status).toBe(403)
    expect((await stranger.request('GET', path)).status).toBe(404)
    expect((await (await project.member('admin')).request('GET', path)).status).toBe(200)
  })

  it('refuses a token issued in the future (401)', async () => {
    const future = await mintToken({ sub: project.owner.id, extra: { iat: Math.floor(Date.now() / 1000) + 600 } })
    const response = await apiRequest('GET', `/api/platform/projects/${project.ref}`, { token: future })
    expect(response.status).toBe(401)
    expect(errorOf(response).code).toBe('INVALID_TOKEN')
  })
})

describe('JWKS key rotation and outage', () => {
  const baseUrl = () => inject('jwksStudioUrl')
  const control = (body: unknown) =>
    fetch(inject('jwksControlUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const userId = randomUUID()
  let ref: string

  async function sign(key: CryptoKey | Uint8Array, kid: string) {
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT({ sub: userId, aud: 'authenticated', role: 'authenticated', exp: now + 600, iat: now })
      .setProtectedHeader({ alg: 'RS256', kid })
      .sign(key)
  }
  const suiteToken = async () => sign(await importJWK(inject('jwksPrivateJwk'), 'RS256'), inject('jwksKid'))
  const getProject = async (token: string) =>
    apiRequest('GET', `/api/platform/projects/${ref}`, { token, baseUrl: baseUrl() })

  /** Repeats a call until it answers `status` (the Studio refetches at most every 5 s) or 20 s pass. */
  async function until<T extends { status: number }>(status: number, call: () => Promise<T>): Promise<T> {
    let last = await call()
    for (let i = 0; i < 40 && last.status !== status; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      last = await call()
    }
    return last
  }

  beforeAll(async () => {
    const token = await suiteToken()
    ref = `jw-${randomUUID().slice(0, 8)}`
    const org = await apiRequest('POST', '/api/platform/organizations', {
      token,
      baseUrl: baseUrl(),
      body: { name: ref, slug: ref },
    })
    expect(org.status).toBe(201)
    const project = await apiRequest('POST', '/api/platform/projects', {
      token,
      baseUrl: baseUrl(),
      body: { organizationId: org.body.id, name: ref, ref },
    })
    expect(project.status).toBe(201)
  })
  afterAll(async () => {
    await control({ extraKeys: [], failing: false })
  })

  it('accepts a token of a newly published key within seconds', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
    const kid = `rotated-${randomUUID().slice(0, 8)}`
    const token = await sign(privateKey, kid)
    expect(errorOf(await getProject(token)).code).toBe('INVALID_TOKEN')
    await control({ extraKeys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] })
    expect((await until(200, () => getProject(token))).status).toBe(200)
  })

  it('answers 503 AUTH_UNAVAILABLE while the JWKS is down, keeps known keys working, and records it', async () => {
    const { privateKey } = await generateKeyPair('RS256')
    const unknownKid = await sign(privateKey, `unpublished-${randomUUID().slice(0, 8)}`)
    await control({ failing: true })
    try {
      const outage = await until(503, () => getProject(unknownKid))
      expect(outage.status).toBe(503)
      expect(errorOf(outage).code).toBe('AUTH_UNAVAILABLE')
      expect((await getProject(await suiteToken())).status).toBe(200)
    } finally {
      await control({ failing: false })
    }
    const events = await apiRequest('GET', `/api/platform/projects/${ref}/audit?kind=security`, {
      token: await suiteToken(),
      baseUrl: baseUrl(),
    })
    expect(
      (events.body.items as AuditItem[]).some((item) => item.code === 'AUTH_UNAVAILABLE' && item.status === 503)
    ).toBe(true)
  })
})
