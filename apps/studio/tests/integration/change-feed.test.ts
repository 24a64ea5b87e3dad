import { randomUUID } from 'node:crypto'

import { PUBSUB_CLOSE_CODES } from '@multibase/api-contracts'
import Redis from 'ioredis'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import { addConnection, createProject, createUser, type TestProject, type TestUser } from '../helpers/fixtures'
import { openViewer, waitUntil, type PubSubViewer } from '../helpers/pubsub'
import { REDIS_URL } from '../helpers/services'
import { mintToken, TEST_JWT_SECRET } from '../helpers/tokens'
import { freePort, startStudio, type StudioProcess } from '../setup/studio-process'

/**
 * Several Studio instances share the main Studio's platform database. B and C cache access for ten
 * minutes, so anything they refuse sooner was told by the change feed (or its flush), not by expiry;
 * C also re-checks open sockets every second, for the "notification lost" case.
 */
const REDIS_DB = 7
const channel = `cf-${randomUUID().slice(0, 8)}`

let studioB: StudioProcess
let studioC: StudioProcess
let platform: Client
let publisher: Redis
const viewers: PubSubViewer[] = []

const urlA = () => inject('studioUrl')

function studioEnv(extra: Record<string, string>) {
  return {
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: inject('platformDatabaseUrl'),
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: inject('encryptionKeys'),
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
    POOL_ACQUIRE_TIMEOUT_MS: '2000',
    DB_CONNECT_TIMEOUT_MS: '1000',
    AUTHZ_CACHE_TTL_MS: '600000',
    ...extra,
  }
}

const get = (user: TestUser, path: string, baseUrl: string) => apiRequest('GET', path, { token: user.token, baseUrl })
const connectionsPath = (project: TestProject) => `/api/platform/redis/${project.ref}/connections`

async function view(project: TestProject, user: TestUser, baseUrl: string, tokenIn: 'protocol' | 'header' = 'protocol', token = user.token) {
  const viewer = await openViewer(project.ref, token, '', { baseUrl, tokenIn })
  viewers.push(viewer)
  await viewer.request({ type: 'subscribe', channels: [channel], patterns: [] })
  return viewer
}

/** Resolves with the close code, or fails when the socket is still open after `deadlineMs`. */
async function closedWithin(viewer: PubSubViewer, deadlineMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`socket still open after ${deadlineMs} ms`)), deadlineMs)
  })
  try {
    return (await Promise.race([viewer.closed, deadline])).code
  } finally {
    clearTimeout(timer)
  }
}

/** Polls a request until its status matches; the deadline is the bound the feature promises. */
async function statusWithin(request: () => Promise<{ status: number }>, status: number, deadlineMs: number): Promise<number> {
  const started = Date.now()
  for (;;) {
    const response = await request()
    if (response.status === status) return Date.now() - started
    if (Date.now() - started > deadlineMs) throw new Error(`still ${response.status} after ${deadlineMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function pollUntil(condition: () => Promise<boolean>, what: string, deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A change made behind the Studio's back: triggers off for this statement, so no NOTIFY is sent. */
async function silently(sql: string, params: unknown[]): Promise<void> {
  await platform.query('BEGIN')
  await platform.query('SET LOCAL session_replication_role = replica')
  await platform.query(sql, params)
  await platform.query('COMMIT')
}

async function projectId(project: TestProject): Promise<string> {
  const { rows } = await platform.query('SELECT id FROM platform.projects WHERE ref = $1', [project.ref])
  return rows[0].id
}

beforeAll(async () => {
  ;[studioB, studioC] = await Promise.all([startStudio(studioEnv({})), startStudio(studioEnv({ PUBSUB_REAUTH_INTERVAL_MS: '1000' }))])
  platform = new Client({ connectionString: inject('platformDatabaseUrl') })
  await platform.connect()
  publisher = new Redis(REDIS_URL, { db: REDIS_DB })
}, 120_000)

afterAll(async () => {
  await Promise.all(viewers.map((viewer) => viewer.close()))
  publisher?.disconnect()
  await platform?.end()
  await Promise.all([studioB?.stop(), studioC?.stop()])
})

describe('pub/sub sockets follow access on every instance', () => {
  it('keeps the sockets of a lowered role that may still read, and closes a removed member\'s with 4403 on A and B', async () => {
    const project = await createProject()
    await addConnection(project, 'redis', { options: { db: REDIS_DB } })
    const member = await project.member('developer')
    const onA = await view(project, member, urlA())
    const onB = await view(project, member, studioB.url)

    const members = `/api/platform/projects/${project.ref}/members`
    expect((await project.owner.request('PATCH', members, { userId: member.id, role: 'read_only' })).status).toBe(200)
    // read_only still holds read, which is all a viewer needs: both sockets keep receiving.
    await publisher.publish(channel, 'after-demotion')
    await waitUntil(() => [onA, onB].every((viewer) => viewer.deliveries.some((d) => d.message === 'after-demotion')), 'delivery after demotion')
    expect([onA.ws.readyState, onB.ws.readyState]).toEqual([onA.ws.OPEN, onB.ws.OPEN])

    expect((await project.owner.request('DELETE', members, { userId: member.id })).status).toBe(200)
    expect(await closedWithin(onA, 5000)).toBe(PUBSUB_CLOSE_CODES.forbidden)
    expect(await closedWithin(onB, 5000)).toBe(PUBSUB_CLOSE_CODES.forbidden)
    // And the removed member cannot come back in with `*` on either instance.
    await expect(openViewer(project.ref, member.token, '', { baseUrl: studioB.url })).rejects.toThrow('upgrade refused: 404')
  })

  it('closes the sockets of a user whose organization membership is removed, on A and B', async () => {
    const project = await createProject()
    await addConnection(project, 'redis', { options: { db: REDIS_DB } })
    const user = await createUser()
    const { rows } = await platform.query('SELECT organization_id FROM platform.projects WHERE ref = $1', [project.ref])
    const organizationId = rows[0].organization_id
    await platform.query(`INSERT INTO platform.organization_members (organization_id, user_id, role) VALUES ($1, $2, 'read_only')`, [organizationId, user.id])
    const onA = await view(project, user, urlA())
    const onB = await view(project, user, studioB.url)
    await platform.query('DELETE FROM platform.organization_members WHERE organization_id = $1 AND user_id = $2', [organizationId, user.id])
    expect(await closedWithin(onA, 5000)).toBe(PUBSUB_CLOSE_CODES.forbidden)
    expect(await closedWithin(onB, 5000)).toBe(PUBSUB_CLOSE_CODES.forbidden)
  })

  it('closes a socket whose token came in the Authorization header when that token expires', async () => {
    const project = await createProject()
    await addConnection(project, 'redis', { options: { db: REDIS_DB } })
    const shortLived = await mintToken({ sub: project.owner.id, expiresInSeconds: 3 })
    const viewer = await view(project, project.owner, studioB.url, 'header', shortLived)
    const closed = await viewer.closed
    expect(closed.code).toBe(PUBSUB_CLOSE_CODES.tokenExpired)
  })

  it('closes a removed member\'s socket by the periodic re-check when no notification arrives', async () => {
    const project = await createProject()
    await addConnection(project, 'redis', { options: { db: REDIS_DB } })
    const member = await project.member('developer')
    const onC = await view(project, member, studioC.url)
    await silently('DELETE FROM platform.members WHERE project_id = $1 AND user_id = $2', [await projectId(project), member.id])
    expect(await closedWithin(onC, 10_000)).toBe(PUBSUB_CLOSE_CODES.forbidden)
  })
})

describe('cached authorization follows the change feed', () => {
  it('refuses a removed member at once on the instance that removed it and within 1 s on another', async () => {
    const project = await createProject()
    const member = await project.member('developer')
    // Warm both instances' caches.
    expect((await get(member, connectionsPath(project), urlA())).status).toBe(200)
    expect((await get(member, connectionsPath(project), studioB.url)).status).toBe(200)

    const removed = await project.owner.request('DELETE', `/api/platform/projects/${project.ref}/members`, { userId: member.id })
    expect(removed.status).toBe(200)
    const onA = await get(member, connectionsPath(project), urlA())
    expect(onA.status).toBe(404)
    expect(errorOf(onA).code).toBe('PROJECT_NOT_FOUND')
    await statusWithin(() => get(member, connectionsPath(project), studioB.url), 404, 1000)
  })

  it('serves the edited connection on B after it was edited on A', async () => {
    const project = await createProject()
    const connection = await addConnection(project, 'redis', { options: { db: REDIS_DB } })
    const infoPath = `/api/platform/redis/${project.ref}/info`
    expect((await get(project.owner, infoPath, studioB.url)).status).toBe(200)

    const deadPort = await freePort()
    const edited = await project.owner.request('PUT', `/api/platform/redis/${project.ref}/connections/${connection.id}`, { port: deadPort })
    expect(edited.status).toBe(200)
    await statusWithin(() => get(project.owner, infoPath, studioB.url), 503, 5000)
    const viaB = await get(project.owner, `/api/platform/redis/${project.ref}/connections/${connection.id}`, studioB.url)
    expect(viaB.body.port).toBe(deadPort)
  })

  it('reconnects its listener after the backend is terminated and flushes the cache', async () => {
    const project = await createProject()
    const member = await project.member('developer')
    const other = await project.member('developer')
    const id = await projectId(project)

    // Removed with triggers off: B is not told, and its ten-minute cache keeps letting the member in.
    // (A notification of the setup above may still be on its way to B and drop the entry first; then
    // the member is put back, silently too, and B's cache warmed again.)
    let stale = false
    for (let attempt = 0; attempt < 20 && !stale; attempt++) {
      expect((await get(member, connectionsPath(project), studioB.url)).status).toBe(200)
      await silently('DELETE FROM platform.members WHERE project_id = $1 AND user_id = $2', [id, member.id])
      stale = (await get(member, connectionsPath(project), studioB.url)).status === 200
      if (!stale) await silently(`INSERT INTO platform.members (project_id, user_id, role) VALUES ($1, $2, 'developer')`, [id, member.id])
    }
    expect(stale).toBe(true)

    const listeners = async () =>
      (
        await platform.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'multibase-studio-change-feed'`
        )
      ).rows.map((row) => row.pid)
    const before = await listeners()
    expect(before.length).toBeGreaterThanOrEqual(3)
    await platform.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before])

    await statusWithin(() => get(member, connectionsPath(project), studioB.url), 404, 10_000)
    const reconnected = async () => (await listeners()).filter((pid) => !before.includes(pid)).length
    await pollUntil(async () => (await reconnected()) >= before.length, 'every listener to reconnect')

    // The reconnected listener hears the next change.
    expect((await get(other, connectionsPath(project), studioB.url)).status).toBe(200)
    await project.owner.request('DELETE', `/api/platform/projects/${project.ref}/members`, { userId: other.id })
    await statusWithin(() => get(other, connectionsPath(project), studioB.url), 404, 1000)
  })
})
