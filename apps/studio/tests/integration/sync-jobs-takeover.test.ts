import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiRequest } from '../helpers/api'
import { createScratchDatabase } from '../helpers/own-servers'
import { postgresEndpoint } from '../helpers/services'
import { expectSameTables, readSyncStream, seedSyncSource, SYNC_SCHEMA_SQL } from '../helpers/sync'
import { TEST_JWT_SECRET, mintToken } from '../helpers/tokens'
import { startStudio, type StudioProcess } from '../setup/studio-process'

/**
 * Two Studios on one platform database with heartbeats and takeover shortened to seconds: a sync's
 * worker is SIGKILLed mid-copy and the other instance finishes it; two stream clients, one on each
 * instance, see the same events.
 */
let studios: StudioProcess[] = []
const killed = new Set<number>()
let platform: Client
let platformDb: { url: string; drop(): Promise<void> }
const scratch: Array<{ client: Client; drop(): Promise<void>; connectionId: string }> = []
let token: string
let studioEnv: Record<string, string>
let ref: string

const alive = () => studios.filter((studio) => studio.pid !== undefined && !killed.has(studio.pid))
const call = (method: string, path: string, body?: unknown, studio = alive()[0]) => apiRequest(method, path, { token, body, baseUrl: studio.url })

async function addDatabase(label: string) {
  const db = await createScratchDatabase('multibase_test_sync')
  const client = new Client({ connectionString: db.url })
  await client.connect()
  await client.query(SYNC_SCHEMA_SQL)
  const pg = postgresEndpoint()
  const connection = await call('POST', `/api/platform/postgres/${ref}/connections`, {
    identifier: label,
    host: pg.host,
    port: pg.port,
    ...(pg.username ? { username: pg.username } : {}),
    ...(pg.password ? { password: pg.password } : {}),
    options: { database: new URL(db.url).pathname.slice(1) },
  })
  expect(connection.status).toBe(201)
  const entry = { client, drop: db.drop, connectionId: connection.body.id as string }
  scratch.push(entry)
  return entry
}

beforeAll(async () => {
  platformDb = await createScratchDatabase()
  const env = (studioEnv = {
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: platformDb.url,
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: `sync:${Buffer.alloc(32, 7).toString('base64')}`,
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
    JOB_HEARTBEAT_INTERVAL_MS: '500',
    JOB_STALE_AFTER_MS: '3000',
    JOB_SWEEP_INTERVAL_MS: '500',
  })
  studios = [await startStudio(env)]
  studios.push(await startStudio(env))
  platform = new Client({ connectionString: platformDb.url })
  await platform.connect()
  token = await mintToken()
  const org = await call('POST', '/api/platform/organizations', { name: 'sync', slug: `sync-${Date.now()}` })
  ref = `sync-${Date.now()}`
  expect((await call('POST', '/api/platform/projects', { organizationId: org.body.id, name: ref, ref })).status).toBe(201)
}, 240_000)

afterAll(async () => {
  await Promise.all(alive().map((studio) => studio.stop()))
  for (const db of scratch) {
    await db.client.end()
    await db.drop()
  }
  await platform?.end()
  await platformDb?.drop()
}, 120_000)

describe('sync jobs across instances', () => {
  it('a SIGKILLed worker mid-copy: the other instance takes over and the target equals the source, no duplicates; both instances stream the same events', async () => {
    const source = await addDatabase('source')
    const target = await addDatabase('target')
    await seedSyncSource(source.client, 2000, 20_000)
    const created = await call('POST', `/api/platform/sync/${ref}/jobs`, {
      name: 'takeover',
      direction: 'postgres->postgres',
      sourceConnectionId: source.connectionId,
      targetConnectionId: target.connectionId,
      scope: { schemas: ['public'] },
      batchSize: 100,
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    const streamPath = `/api/platform/sync/${ref}/jobs/${id}/stream`
    const completed = (events: Array<{ type: string; data: any }>) => events.some((event) => event.type === 'state' && event.data.data.state === 'completed')
    expect((await call('POST', `/api/platform/sync/${ref}/jobs/${id}/start`)).status).toBe(202)

    // Wait until a few batches are done, then kill whichever instance holds the run.
    let victim: StudioProcess | undefined
    const deadline = Date.now() + 60_000
    while (!victim) {
      const { rows } = await platform.query(
        `SELECT j.worker_id, (s.progress->>'done')::int AS done FROM platform.sync_jobs s JOIN platform.jobs j ON j.id = s.run_job_id WHERE s.id = $1`,
        [id]
      )
      const pid = rows[0]?.worker_id ? Number(rows[0].worker_id.split(':')[1]) : undefined
      if (pid && rows[0].done >= 3000) victim = studios.find((studio) => studio.pid === pid)
      if (Date.now() > deadline) throw new Error('the sync never got going')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const survivor = studios.find((studio) => studio !== victim)!
    killed.add(victim.pid!)
    await victim.kill('SIGKILL')

    const first = readSyncStream(`${survivor.url}${streamPath}`, token, completed)
    const { events } = await first
    const final = await call('GET', `/api/platform/sync/${ref}/jobs/${id}`, undefined, survivor)
    expect(final.body.state).toBe('completed')
    await expectSameTables(source.client, target.client)
    const run = await platform.query('SELECT attempts FROM platform.jobs WHERE id = $1', [final.body.runJobId])
    expect(run.rows[0].attempts).toBe(2)
    // The resumed run said so in the stream.
    expect(events.filter((event) => event.type === 'state' && event.data.data.state === 'running').map((event) => event.data.data.resumed)).toEqual([false, true])

    // A fresh instance serves the very same stream (ids, order, content) from the platform database.
    const fresh = await startStudio(studioEnv)
    studios.push(fresh)
    const [onSurvivor, onFresh] = await Promise.all([
      readSyncStream(`${survivor.url}${streamPath}`, token, (got) => got.length >= events.length),
      readSyncStream(`${fresh.url}${streamPath}`, token, (got) => got.length >= events.length),
    ])
    expect(onFresh.events).toEqual(onSurvivor.events)
    expect(onSurvivor.events).toEqual(events)
  }, 240_000)
})
