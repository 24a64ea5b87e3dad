import { randomUUID } from 'node:crypto'

import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import { addConnection, createProject, createUser, type TestProject, type TestUser } from '../helpers/fixtures'
import { mintToken, TEST_JWT_SECRET } from '../helpers/tokens'
import { startStudio, type StudioProcess } from '../setup/studio-process'

/**
 * Two more Studio instances (B and C) share the main Studio's platform database, with one platform
 * admin configured and short heartbeat, stats-flush and keep-alive tick intervals. With the main
 * Studio that makes three instances claiming keep-alive runs.
 */
const HEARTBEAT_MS = 500

let studioB: StudioProcess
let studioC: StudioProcess
let platform: Client
let admin: TestUser
let stranger: TestUser
let project: TestProject
let readOnly: TestUser

const urlB = () => studioB.url
const urlC = () => studioC.url

function studioEnv(adminId: string) {
  return {
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: inject('platformDatabaseUrl'),
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: inject('encryptionKeys'),
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
    PLATFORM_ADMIN_USER_IDS: `${randomUUID()}, ${adminId}`,
    INSTANCE_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS),
    REQUEST_STATS_FLUSH_MS: '200',
    KEEP_ALIVE_TICK_MS: '100',
  }
}

const as = (user: TestUser, method: string, path: string, baseUrl: string, body?: unknown) =>
  apiRequest(method, path, { token: user.token, baseUrl, body })

async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, deadlineMs = 20_000): Promise<T> {
  const deadline = Date.now() + deadlineMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Every admin route with a method it answers (ids are well-formed, so only the admin check can refuse). */
const ADMIN_ROUTES: Array<[string, string]> = [
  ['GET', '/api/platform/admin/users'],
  ['GET', '/api/platform/admin/jobs'],
  ['POST', `/api/platform/admin/jobs/${randomUUID()}/cancel`],
  ['GET', '/api/platform/admin/analytics'],
  ['GET', '/api/platform/admin/security-events'],
  ['GET', '/api/platform/admin/security-events/export?format=csv'],
  ['GET', '/api/platform/admin/status'],
  ['GET', '/api/platform/admin/usage'],
]

beforeAll(async () => {
  admin = await createUser()
  stranger = await createUser()
  ;[studioB, studioC] = await Promise.all([startStudio(studioEnv(admin.id)), startStudio(studioEnv(admin.id))])
  platform = new Client({ connectionString: inject('platformDatabaseUrl') })
  await platform.connect()
  project = await createProject()
  readOnly = await project.member('read_only')
}, 120_000)

afterAll(async () => {
  await platform?.end()
  await Promise.all([studioB?.stop(), studioC?.stop()])
})

describe('admin console: who may use it', () => {
  it('answers every admin route to a stranger, a read_only member and a project owner with the 404 of a path with no route', async () => {
    const unknown = await as(stranger, 'GET', '/api/platform/admin/no-such-route', urlB())
    expect(unknown.status).toBe(404)
    const unknownError = errorOf(unknown)
    for (const user of [stranger, readOnly, project.owner]) {
      for (const [method, path] of ADMIN_ROUTES) {
        const response = await as(user, method, path, urlB())
        expect(response.status, `${method} ${path}`).toBe(404)
        const error = errorOf(response)
        expect({ code: error.code, message: error.message }).toEqual({ code: unknownError.code, message: unknownError.message })
      }
    }
    // Without a token, the same 401 as any route: nothing tells an admin route apart.
    expect((await apiRequest('GET', '/api/platform/admin/status', { baseUrl: urlB() })).status).toBe(401)
  })

  it('lets the platform admin in, and marks them in features', async () => {
    for (const [method, path] of ADMIN_ROUTES.filter(([method]) => method === 'GET')) {
      const response = await as(admin, method, path, urlC())
      expect(response.status, path).toBe(200)
    }
    expect((await as(admin, 'GET', '/api/platform/features', urlB())).body).toMatchObject({ platformAdmin: true, platform: true })
    expect((await as(stranger, 'GET', '/api/platform/features', urlB())).body).toMatchObject({ platformAdmin: false })
  })

  it('treats the self-hosted local user as the platform admin', async () => {
    const status = await apiRequest('GET', '/api/platform/admin/status', { baseUrl: inject('selfHostedUrl') })
    expect(status.status).toBe(200)
    expect(status.body.platformDatabase).toMatchObject({ ok: true, embedded: true })
  })
})

describe('admin console: what it shows', () => {
  it('status lists each instance with its heartbeat, alive within three intervals', async () => {
    const status = await pollUntil(
      async () => (await as(admin, 'GET', '/api/platform/admin/status', urlB())).body,
      (body) => [studioB.pid, studioC.pid].every((pid) => body.instances.some((i: any) => i.pid === pid && i.alive)),
      'both instances alive'
    )
    expect(status).toMatchObject({ status: 'ok', platformDatabase: { ok: true, embedded: false }, queue: { ok: true } })
    expect(status.heartbeatIntervalMs).toBe(HEARTBEAT_MS)
    const self = status.instances.find((instance: any) => instance.pid === studioB.pid)
    expect(self.current).toBe(true)
    const { rows } = await platform.query('SELECT heartbeat_at FROM platform.instances WHERE id = $1', [self.id])
    expect(new Date(rows[0].heartbeat_at).getTime()).toBeGreaterThanOrEqual(new Date(self.heartbeatAt).getTime())

    // A stopped instance's row goes with it (drained, not dead).
    const extra = await startStudio(studioEnv(admin.id))
    await pollUntil(
      async () => (await as(admin, 'GET', '/api/platform/admin/status', urlB())).body.instances,
      (instances: any[]) => instances.some((i) => i.pid === extra.pid && i.alive),
      'extra instance listed'
    )
    await extra.stop()
    const after = (await as(admin, 'GET', '/api/platform/admin/status', urlB())).body.instances
    expect(after.some((instance: any) => instance.pid === extra.pid)).toBe(false)
  }, 90_000)

  it('lists users with their memberships and the email they were last seen with', async () => {
    const email = `owner-${randomUUID().slice(0, 8)}@example.test`
    const token = await mintToken({ sub: project.owner.id, extra: { email, session_id: randomUUID() } })
    expect((await apiRequest('GET', `/api/platform/projects/${project.ref}`, { token, baseUrl: urlB() })).status).toBe(200)
    const users = await as(admin, 'GET', '/api/platform/admin/users?limit=500', urlC())
    const owner = users.body.items.find((user: any) => user.id === project.owner.id)
    expect(owner.email).toBe(email)
    expect(owner.memberships).toEqual(expect.arrayContaining([expect.objectContaining({ scope: 'project', slugOrRef: project.ref, role: 'owner' })]))
    const member = users.body.items.find((user: any) => user.id === readOnly.id)
    expect(member.memberships).toEqual([expect.objectContaining({ scope: 'project', slugOrRef: project.ref, role: 'read_only' })])
    expect(users.body.total).toBeGreaterThanOrEqual(2)
  })

  it('lists jobs across projects and cancels one through the jobs cancel path, audited', async () => {
    const jobId = randomUUID()
    const { rows } = await platform.query('SELECT id FROM platform.projects WHERE ref = $1', [project.ref])
    // A queued job nobody picked up yet (as if every worker were busy): cancel ends it at once.
    await platform.query(
      `INSERT INTO platform.jobs (id, project_id, kind, request_id, payload, progress) VALUES ($1, $2, 'redis-bulk-delete', 'test', '{}', '{}')`,
      [jobId, rows[0].id]
    )
    const listed = await as(admin, 'GET', '/api/platform/admin/jobs?state=created', urlB())
    expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: jobId, projectRef: project.ref, kind: 'redis-bulk-delete' })]))

    const cancelled = await as(admin, 'POST', `/api/platform/admin/jobs/${jobId}/cancel`, urlC())
    expect(cancelled.status).toBe(200)
    expect(cancelled.body).toMatchObject({ id: jobId, state: 'cancelled' })
    const again = await as(admin, 'POST', `/api/platform/admin/jobs/${jobId}/cancel`, urlC())
    expect(errorOf(again).code).toBe('JOB_ALREADY_ENDED')
    // The audit row is written as the response ends; the client may read before it lands.
    const audit = await pollUntil(
      async () =>
        (await platform.query(
          `SELECT kind, status FROM platform.audit_log WHERE user_id = $1 AND route = '/api/platform/admin/jobs/[id]/cancel' ORDER BY id`,
          [admin.id]
        )).rows,
      (rows) => rows.length >= 2,
      'two audit rows'
    )
    expect(audit).toEqual([{ kind: 'admin', status: 200 }, { kind: 'admin', status: 409 }])
  })

  it('aggregates calls per engine and route group with error rate and p50/p95 from the flushed histograms', async () => {
    await addConnection(project, 'redis')
    for (let i = 0; i < 5; i++) {
      expect((await as(project.owner, 'GET', `/api/platform/redis/${project.ref}/connections`, urlB())).status).toBe(200)
    }
    expect((await as(stranger, 'GET', `/api/platform/redis/${project.ref}/connections`, urlC())).status).toBe(404)
    expect((await as(readOnly, 'POST', `/api/platform/redis/${project.ref}/connections`, urlC(), { identifier: 'x', host: '127.0.0.1', port: 1 })).status).toBe(403)
    const analytics = await pollUntil(
      async () => (await as(admin, 'GET', '/api/platform/admin/analytics?days=1', urlB())).body,
      // B and C flush on their own clocks: wait until both instances' counts arrived.
      (body) => body.routeGroups.some((g: any) => g.routeGroup === 'redis/connections' && g.count >= 7 && g.errors >= 1),
      'stats flushed'
    )
    const group = analytics.routeGroups.find((g: any) => g.routeGroup === 'redis/connections')
    expect(group.count).toBeGreaterThanOrEqual(7)
    expect(group.errors).toBeGreaterThanOrEqual(1)
    expect(group.errorRate).toBeGreaterThan(0)
    expect(group.p50Ms).toEqual(expect.any(Number))
    expect(group.p95Ms).toBeGreaterThanOrEqual(group.p50Ms)
    const today = new Date().toISOString().slice(0, 10)
    expect(analytics.callsPerEngineDay).toEqual(expect.arrayContaining([expect.objectContaining({ day: today, engine: 'redis' })]))
    const { rows } = await platform.query(
      `SELECT sum(count)::int AS count FROM platform.request_stats WHERE project_ref = $1 AND route_group = 'redis/connections'`,
      [project.ref]
    )
    expect(rows[0].count).toBeGreaterThanOrEqual(7)
  })

  it('lists security events across projects and exports them as CSV and NDJSON', async () => {
    const probe = `/api/platform/redis/${project.ref}/keys`
    expect((await as(stranger, 'GET', probe, urlB())).status).toBe(404)
    const events = await pollUntil(
      async () => (await as(admin, 'GET', '/api/platform/admin/security-events?limit=200', urlC())).body,
      (body) => body.items.some((e: any) => e.userId === stranger.id && e.projectRef === project.ref),
      'security event listed'
    )
    expect(events.items.some((e: any) => e.userId === stranger.id && e.route === '/api/platform/admin/status')).toBe(true)

    const csv = await fetch(`${urlB()}/api/platform/admin/security-events/export?format=csv`, {
      headers: { authorization: `Bearer ${admin.token}` },
    })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines[0]).toBe('id,createdAt,projectRef,action,route,code,status,requestId,userId,userEmail,ip,target')
    expect(lines.some((line) => line.includes(stranger.id) && line.includes(project.ref))).toBe(true)

    const ndjson = await fetch(`${urlB()}/api/platform/admin/security-events/export?format=ndjson`, {
      headers: { authorization: `Bearer ${admin.token}` },
    })
    const records = (await ndjson.text()).trim().split('\n').map((line) => JSON.parse(line))
    expect(records.length).toBe(lines.length - 1)
    expect(records.every((record) => record.kind === 'security')).toBe(true)
  })

  it('reports usage totals', async () => {
    const usage = await as(admin, 'GET', '/api/platform/admin/usage', urlB())
    expect(usage.body.projects).toBeGreaterThanOrEqual(1)
    expect(usage.body.connections.redis).toBeGreaterThanOrEqual(1)
    expect(usage.body.requestsToday).toBeGreaterThan(0)
  })
})

describe('keep-alive', () => {
  it('runs exactly once per interval across instances and shows the last success on the connection', async () => {
    const connection = await addConnection(project, 'postgres')
    const path = `/api/platform/postgres/${project.ref}/connections/${connection.id}/keep-alive`
    expect((await as(readOnly, 'POST', path, urlB(), { enabled: true, intervalSeconds: 1 })).status).toBe(403)
    expect((await as(stranger, 'POST', path, urlB(), { enabled: true, intervalSeconds: 1 })).status).toBe(404)
    expect(errorOf(await as(project.owner, 'POST', path, urlB(), { enabled: true, intervalSeconds: 1, extra: 1 })).code).toBe('VALIDATION_ERROR')
    // A connection of another engine is not found under this engine's path.
    expect((await as(project.owner, 'POST', path.replace('/postgres/', '/redis/'), urlB(), { enabled: true })).status).toBe(404)

    const enabled = await as(project.owner, 'POST', path, urlB(), { enabled: true, intervalSeconds: 1 })
    expect(enabled.status).toBe(200)
    expect(enabled.body).toMatchObject({ enabled: true, intervalSeconds: 1 })
    const { rows: before } = await platform.query('SELECT updated_at FROM platform.connection_keep_alive WHERE connection_id = $1', [connection.id])
    const enabledAt = new Date(before[0].updated_at).getTime()

    const row = await pollUntil(
      async () => (await platform.query('SELECT runs, last_run_at, last_success_at FROM platform.connection_keep_alive WHERE connection_id = $1', [connection.id])).rows[0],
      (current) => Number(current.runs) >= 4,
      'four keep-alive runs'
    )
    // Three instances tick every 100 ms (B, C) or 5 s (main); one run per whole second since enabling
    // (the first at once) is the most a single claimant allows. Two claimants would double it.
    const elapsedSeconds = (new Date(row.last_run_at).getTime() - enabledAt) / 1000
    expect(Number(row.runs)).toBeLessThanOrEqual(Math.floor(elapsedSeconds) + 1)
    expect(row.last_success_at).not.toBeNull()

    const listed = await as(project.owner, 'GET', `/api/platform/postgres/${project.ref}/connections`, urlC())
    const shown = listed.body.find((c: any) => c.id === connection.id) ?? listed.body.items?.find((c: any) => c.id === connection.id)
    expect(shown.keepAlive).toMatchObject({ enabled: true, intervalSeconds: 1, lastError: null })
    expect(shown.keepAlive.lastSuccessAt).not.toBeNull()

    const disabled = await as(project.owner, 'POST', path, urlB(), { enabled: false })
    expect(disabled.body.enabled).toBe(false)
    // Both changes audited (the row lands as the response ends, so it is polled for).
    await pollUntil(
      async () =>
        (await platform.query(
          `SELECT count(*)::int AS n FROM platform.audit_log WHERE route = '/api/platform/postgres/[ref]/connections/[id]/keep-alive' AND user_id = $1 AND status = 200`,
          [project.owner.id]
        )).rows[0].n,
      (n) => n === 2,
      'two keep-alive audit rows'
    )
  }, 60_000)

  it('records the error of a connection that does not answer', async () => {
    const dead = await addConnection(project, 'redis', { port: 1, identifier: `dead-${randomUUID().slice(0, 8)}` })
    const path = `/api/platform/redis/${project.ref}/connections/${dead.id}/keep-alive`
    expect((await as(project.owner, 'POST', path, urlB(), { enabled: true, intervalSeconds: 60 })).status).toBe(200)
    const row = await pollUntil(
      async () => (await platform.query('SELECT last_error, last_success_at FROM platform.connection_keep_alive WHERE connection_id = $1', [dead.id])).rows[0],
      (current) => current.last_error !== null,
      'keep-alive error recorded'
    )
    expect(row.last_success_at).toBeNull()
    expect(row.last_error).not.toMatch(/redis:\/\//)
  }, 30_000)
})

describe('sessions', () => {
  it('records the session, lists it to its user and refuses it on another instance within 1 s of revocation', async () => {
    const sessionId = randomUUID()
    const user = await project.member('developer')
    const token = await mintToken({ sub: user.id, extra: { session_id: sessionId, email: 'dev@example.test' } })
    const call = (baseUrl: string) => apiRequest('GET', `/api/platform/projects/${project.ref}`, { token, baseUrl, headers: { 'user-agent': 'admin-console-test' } })
    expect((await call(urlB())).status).toBe(200)
    expect((await call(urlC())).status).toBe(200)

    const mine = await apiRequest('GET', '/api/platform/sessions', { token, baseUrl: urlC() })
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: sessionId, userId: user.id, current: true, userAgent: 'admin-console-test', ip: '127.0.0.1', revokedAt: null }),
    ])
    // Project admins see members' sessions; read_only members and strangers don't.
    const projectSessions = await as(project.owner, 'GET', `/api/platform/projects/${project.ref}/sessions`, urlB())
    expect(projectSessions.body.items.map((s: any) => s.id)).toContain(sessionId)
    expect((await as(readOnly, 'GET', `/api/platform/projects/${project.ref}/sessions`, urlB())).status).toBe(403)
    expect((await as(stranger, 'GET', `/api/platform/projects/${project.ref}/sessions`, urlB())).status).toBe(404)
    // Someone else's session is not found through /sessions.
    expect((await as(stranger, 'DELETE', `/api/platform/sessions/${sessionId}`, urlB())).status).toBe(404)
    expect((await as(readOnly, 'DELETE', `/api/platform/projects/${project.ref}/sessions/${sessionId}`, urlB())).status).toBe(403)

    // C has verified (and cached) the token already; only the revocation can make it refuse.
    const revoked = await apiRequest('DELETE', `/api/platform/sessions/${sessionId}`, { token, baseUrl: urlB() })
    expect(revoked.status).toBe(200)
    const started = Date.now()
    let response = await call(urlC())
    while (response.status !== 401 && Date.now() - started < 1000) response = await call(urlC())
    expect(response.status).toBe(401)
    expect(errorOf(response).code).toBe('SESSION_REVOKED')
    expect(errorOf(await call(urlB())).code).toBe('SESSION_REVOKED')

    // Another session of the same user is unaffected.
    const other = await mintToken({ sub: user.id, extra: { session_id: randomUUID() } })
    expect((await apiRequest('GET', `/api/platform/projects/${project.ref}`, { token: other, baseUrl: urlC() })).status).toBe(200)
  })

  it('lets a project admin revoke a member session, refused everywhere', async () => {
    const sessionId = randomUUID()
    const user = await project.member('developer')
    const token = await mintToken({ sub: user.id, extra: { session_id: sessionId } })
    expect((await apiRequest('GET', `/api/platform/projects/${project.ref}`, { token, baseUrl: urlC() })).status).toBe(200)
    const revoked = await as(project.owner, 'DELETE', `/api/platform/projects/${project.ref}/sessions/${sessionId}`, urlB())
    expect(revoked.status).toBe(200)
    await pollUntil(
      async () => (await apiRequest('GET', `/api/platform/projects/${project.ref}`, { token, baseUrl: urlC() })).status,
      (status) => status === 401,
      'refused on C',
      1000
    )
    // The main instance heard it on the change feed too.
    expect((await apiRequest('GET', `/api/platform/projects/${project.ref}`, { token, baseUrl: inject('studioUrl') })).status).toBe(401)
  })
})
