import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { studioUrl } from '../helpers/api'
import { addConnection, createProject, createUser, type TestProject, type TestUser } from '../helpers/fixtures'
import { createScratchDatabase } from '../helpers/own-servers'
import { expectSameTables, readSyncStream, seedSyncSource, SYNC_SCHEMA_SQL, waitForSync } from '../helpers/sync'

/** Postgres → Postgres on two scratch databases of the test server, through the main test Studio. */
let project: TestProject
let readOnly: TestUser
let stranger: TestUser
const databases: Array<{ url: string; drop(): Promise<void>; client: Client; connectionId: string }> = []

const jobsPath = () => `/api/platform/sync/${project.ref}/jobs`
const jobPath = (id: string) => `${jobsPath()}/${id}`

async function scratch(): Promise<(typeof databases)[number]> {
  const db = await createScratchDatabase('multibase_test_sync')
  const client = new Client({ connectionString: db.url })
  await client.connect()
  await client.query(SYNC_SCHEMA_SQL)
  const connection = await addConnection(project, 'postgres', { options: { database: new URL(db.url).pathname.slice(1) } })
  const entry = { ...db, client, connectionId: connection.id }
  databases.push(entry)
  return entry
}

const definition = (source: string, target: string, extra: Record<string, unknown> = {}) => ({
  name: 'copy',
  direction: 'postgres->postgres',
  sourceConnectionId: source,
  targetConnectionId: target,
  scope: { schemas: ['public'] },
  mode: 'data',
  batchSize: 2000,
  ...extra,
})

beforeAll(async () => {
  project = await createProject()
  readOnly = await project.member('read_only')
  stranger = await createUser()
})

afterAll(async () => {
  for (const db of databases) {
    await db.client.end()
    await db.drop()
  }
})

describe('sync jobs: Postgres → Postgres', () => {
  it('copies a schema with FKs, enums, identity, jsonb and arrays: every table equal, sequences set; the stream shows it and resumes by Last-Event-ID', async () => {
    const source = await scratch()
    const target = await scratch()
    await seedSyncSource(source.client, 2000, 20_000)

    const created = await project.owner.request('POST', jobsPath(), definition(source.connectionId, target.connectionId))
    expect(created.status).toBe(201)
    expect(created.body.state).toBe('idle')
    const id = created.body.id

    const started = await project.owner.request('POST', `${jobPath(id)}/start`)
    expect(started.status).toBe(202)
    const all = await readSyncStream(`${studioUrl()}${jobPath(id)}/stream`, project.owner.token, (events) =>
      events.some((event) => event.type === 'state' && event.data.data.state === 'completed')
    )
    const done = await waitForSync(project.owner, jobPath(id), (job) => job.state === 'completed')
    expect(done.progress.done).toBe(2000 + 20_000 + 20_000)
    await expectSameTables(source.client, target.client)

    // Units in FK order (posts before the comments that reference them), each with done/total.
    const progress = all.events.filter((event) => event.type === 'progress').map((event) => event.data.data.unit)
    const order = [...new Set(progress.map((unit) => unit.unit))]
    expect(order).toEqual(['public.authors', 'public.posts', 'public.comments'])
    expect(progress.at(-1)).toMatchObject({ unit: 'public.comments', done: 20_000, total: 20_000, finished: true })

    // A client that reconnects after the 5th event with Last-Event-ID gets exactly the rest.
    const cut = all.events[4].id
    const rest = await readSyncStream(`${studioUrl()}${jobPath(id)}/stream`, project.owner.token, (events) => events.length >= all.events.length - 5, cut)
    expect(rest.events.map((event) => event.id)).toEqual(all.events.slice(5).map((event) => event.id))

    const metrics = await project.owner.request('GET', `${jobPath(id)}/metrics`)
    expect(metrics.status).toBe(200)
    expect(metrics.body.totals.done).toBe(42_000)
    expect(metrics.body.units.map((unit: { unit: string }) => unit.unit)).toEqual(order)
  })

  it('pauses at a batch boundary and resumes without duplicates or gaps; a running job cannot be edited or deleted', async () => {
    const source = await scratch()
    const target = await scratch()
    await seedSyncSource(source.client, 500, 20_000)
    const created = await project.owner.request('POST', jobsPath(), definition(source.connectionId, target.connectionId, { batchSize: 200 }))
    const id = created.body.id
    expect((await project.owner.request('POST', `${jobPath(id)}/start`)).status).toBe(202)
    await waitForSync(project.owner, jobPath(id), (job) => Number(job.progress.done ?? 0) > 1000)

    expect((await project.owner.request('PUT', jobPath(id), definition(source.connectionId, target.connectionId))).status).toBe(409)
    expect((await project.owner.request('DELETE', jobPath(id))).status).toBe(409)
    expect((await project.owner.request('POST', `${jobPath(id)}/start`)).status).toBe(409)

    expect((await project.owner.request('POST', `${jobPath(id)}/pause`)).status).toBe(202)
    const paused = await waitForSync(project.owner, jobPath(id), (job) => job.state === 'paused')
    const copied = (await target.client.query('SELECT (SELECT count(*) FROM authors) + (SELECT count(*) FROM posts) + (SELECT count(*) FROM comments) AS n')).rows[0].n
    expect(Number(copied)).toBe(paused.progress.done)
    expect(Number(copied)).toBeLessThan(40_500)

    expect((await project.owner.request('POST', `${jobPath(id)}/start`)).status).toBe(202)
    await waitForSync(project.owner, jobPath(id), (job) => job.state === 'completed')
    await expectSameTables(source.client, target.client)
    expect((await project.owner.request('DELETE', jobPath(id))).status).toBe(200)
  })

  it('refuses a filter that is not one expression, the same database twice, and unknown fields', async () => {
    const source = await scratch()
    const bad = [
      definition(source.connectionId, source.connectionId),
      definition(source.connectionId, databases[0].connectionId, { rowFilter: 'id > 1; DROP TABLE authors' }),
      definition(source.connectionId, databases[0].connectionId, { rowFilter: 'id IN (SELECT 1)' }),
      definition(source.connectionId, databases[0].connectionId, { rowFilter: 'pg_sleep(10) IS NULL' }),
      definition(source.connectionId, databases[0].connectionId, { extra: true }),
    ]
    for (const body of bad) expect((await project.owner.request('POST', jobsPath(), body)).status).toBe(400)
    const sameServerTwice = await addConnection(project, 'postgres', { options: { database: new URL(source.url).pathname.slice(1) } })
    expect((await project.owner.request('POST', jobsPath(), definition(source.connectionId, sameServerTwice.id))).body.error.code).toBe('SYNC_SAME_DATABASE')
  })

  it('copies only the rows of a row filter', async () => {
    const source = await scratch()
    const target = await scratch()
    await seedSyncSource(source.client, 100, 1000)
    const body = definition(source.connectionId, target.connectionId, { scope: { tables: [{ schema: 'public', name: 'authors' }] }, rowFilter: "mood = 'happy' AND id > 10" })
    const created = await project.owner.request('POST', jobsPath(), body)
    expect(created.status).toBe(201)
    await project.owner.request('POST', `${jobPath(created.body.id)}/start`)
    await waitForSync(project.owner, jobPath(created.body.id), (job) => job.state === 'completed')
    const query = `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY id)) AS h FROM authors t WHERE mood = 'happy' AND id > 10`
    expect((await target.client.query('SELECT count(*)::int AS n, md5(string_agg(t::text, \'|\' ORDER BY id)) AS h FROM authors t')).rows[0]).toEqual(
      (await source.client.query(query)).rows[0]
    )
  })

  it('a read_only member sees sync jobs but cannot create, start, pause, stop, edit or delete them; a stranger gets 404', async () => {
    const [source, target] = databases
    const created = await project.owner.request('POST', jobsPath(), definition(source.connectionId, target.connectionId, { name: 'perm' }))
    const id = created.body.id
    expect((await readOnly.request('GET', jobsPath())).status).toBe(200)
    expect((await readOnly.request('GET', jobPath(id))).body.id).toBe(id)
    expect((await readOnly.request('GET', `${jobPath(id)}/metrics`)).status).toBe(200)
    expect((await readOnly.request('POST', jobsPath(), definition(source.connectionId, target.connectionId))).status).toBe(403)
    for (const action of ['start', 'pause', 'stop']) expect((await readOnly.request('POST', `${jobPath(id)}/${action}`)).status).toBe(403)
    expect((await readOnly.request('PUT', jobPath(id), definition(source.connectionId, target.connectionId))).status).toBe(403)
    expect((await readOnly.request('DELETE', jobPath(id))).status).toBe(403)
    for (const [method, path] of [
      ['GET', jobsPath()],
      ['GET', jobPath(id)],
      ['GET', `${jobPath(id)}/stream`],
      ['GET', `${jobPath(id)}/metrics`],
      ['POST', `${jobPath(id)}/start`],
      ['DELETE', jobPath(id)],
    ]) {
      expect((await stranger.request(method, path)).status).toBe(404)
    }
    expect((await project.owner.request('GET', jobPath(id))).body.state).toBe('idle')
  })
})
