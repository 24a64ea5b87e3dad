import { randomUUID } from 'node:crypto'
import { open } from 'node:fs/promises'
import path from 'node:path'

import Redis from 'ioredis'
import type { MongoClient } from 'mongodb'
import { Double, Int32, Long, ObjectId, Binary } from 'bson'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import {
  backupVia,
  expectSameRedis,
  mongoSnapshot,
  PG_BACKUP_FIXTURE,
  redisSnapshot,
  restoreVia,
  schemaDump,
  seedRedis,
  tableHashes,
  type Call,
} from '../helpers/backups'
import { addConnection, createProject, createUser, type TestProject, type TestUser } from '../helpers/fixtures'
import { dropMongoTestDatabases, mongoTestDatabase, rawMongoClient } from '../helpers/mongodb'
import { createTestDatabase, dropTestDatabase, withAdminClient } from '../helpers/pg-fixture'
import { REDIS_URL } from '../helpers/services'

/** This file's share of the shared servers: Redis databases 7 and 8 under a random prefix, its own Postgres and Mongo databases. */
const run = randomUUID().replace(/-/g, '').slice(0, 8)
const SOURCE_DB = `mbtest_pg_bk_src_${run}`
const TARGET_DBS = ['full', 'schema', 'tables', 'flip'].map((label) => `mbtest_pg_bk_${label}_${run}`)
const [FULL_DB, SCHEMA_DB, TABLES_DB, FLIP_DB] = TARGET_DBS
const PREFIX = `bk:${run}:`
const MONGO_SOURCE = mongoTestDatabase('bksrc')
const MONGO_TARGET = mongoTestDatabase('bkdst')

let project: TestProject
let owner: Call
let connections: Record<string, string> = {}
let redisSource: Redis
let redisTarget: Redis
let mongo: MongoClient

async function pgConnection(database: string): Promise<string> {
  return (await addConnection(project, 'postgres', { options: { database }, identifier: database })).id
}

beforeAll(async () => {
  project = await createProject()
  owner = (method, path, body) => project.owner.request(method, path, body)
  await createTestDatabase(SOURCE_DB)
  await withAdminClient(SOURCE_DB, (client) => client.query(PG_BACKUP_FIXTURE))
  for (const db of TARGET_DBS) await createTestDatabase(db)
  connections = { pgSource: await pgConnection(SOURCE_DB) }
  for (const db of TARGET_DBS) connections[db] = await pgConnection(db)
  connections.redisSource = (await addConnection(project, 'redis', { options: { db: 7 }, identifier: 'redis-src' })).id
  connections.redisTarget = (await addConnection(project, 'redis', { options: { db: 8 }, identifier: 'redis-dst' })).id
  connections.mongo = (await addConnection(project, 'mongodb', { identifier: 'mongo' })).id
  redisSource = new Redis(REDIS_URL, { db: 7 })
  redisTarget = new Redis(REDIS_URL, { db: 8 })
  mongo = await rawMongoClient()
})

afterAll(async () => {
  for (const redis of [redisSource, redisTarget]) {
    if (!redis) continue
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000)
      cursor = next
      if (keys.length) await redis.unlink(...keys)
    } while (cursor !== '0')
    redis.disconnect()
  }
  if (mongo) {
    await dropMongoTestDatabases(mongo, [MONGO_SOURCE, MONGO_TARGET])
    await mongo.close()
  }
  for (const db of [SOURCE_DB, ...TARGET_DBS]) await dropTestDatabase(db)
})

describe('Postgres backups (pg_dump custom format, pg_restore)', () => {
  it('full backup restored into an empty database: schema dump and per-table md5 equal', async () => {
    const backup = await backupVia(owner, project.ref, { engine: 'postgres', connectionId: connections.pgSource, kind: 'full' })
    expect(backup.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(backup.sizeBytes).toBeGreaterThan(0)
    expect(backup.engineVersion).toMatch(/^15/)

    const dry = await restoreVia(owner, project.ref, backup.id, { connectionId: connections[FULL_DB], dryRun: true })
    expect(dry.state).toBe('completed')
    expect((dry.progress.plan as any).create).toEqual(expect.arrayContaining(['shop.customers', 'shop.orders', 'public.notes']))
    expect(await tableHashes(FULL_DB)).toEqual({})

    const restored = await restoreVia(owner, project.ref, backup.id, { connectionId: connections[FULL_DB], dryRun: false })
    expect(restored.state, JSON.stringify(restored)).toBe('completed')
    expect(schemaDump(FULL_DB)).toBe(schemaDump(SOURCE_DB))
    expect(await tableHashes(FULL_DB)).toEqual(await tableHashes(SOURCE_DB))

    // Restoring again without clean fails (the objects exist); with clean it replaces them.
    const again = await restoreVia(owner, project.ref, backup.id, { connectionId: connections[FULL_DB], dryRun: false })
    expect(again.state).toBe('failed')
    const clean = await restoreVia(owner, project.ref, backup.id, { connectionId: connections[FULL_DB], dryRun: false, clean: true })
    expect(clean.state, JSON.stringify(clean)).toBe('completed')
    expect(await tableHashes(FULL_DB)).toEqual(await tableHashes(SOURCE_DB))
  })

  it('schema-only then data-only restores do what they say; a chosen-tables restore brings only those', async () => {
    const full = await backupVia(owner, project.ref, { engine: 'postgres', connectionId: connections.pgSource, kind: 'full' })
    const schemaOnly = await restoreVia(owner, project.ref, full.id, { connectionId: connections[SCHEMA_DB], dryRun: false, mode: 'schema' })
    expect(schemaOnly.state, JSON.stringify(schemaOnly)).toBe('completed')
    expect(schemaDump(SCHEMA_DB)).toBe(schemaDump(SOURCE_DB))
    const empty = await tableHashes(SCHEMA_DB)
    expect(Object.values(empty).every((hash) => hash.startsWith('0:'))).toBe(true)

    const dataBackup = await backupVia(owner, project.ref, { engine: 'postgres', connectionId: connections.pgSource, kind: 'data' })
    const dataOnly = await restoreVia(owner, project.ref, dataBackup.id, { connectionId: connections[SCHEMA_DB], dryRun: false, mode: 'data' })
    expect(dataOnly.state, JSON.stringify(dataOnly)).toBe('completed')
    expect(await tableHashes(SCHEMA_DB)).toEqual(await tableHashes(SOURCE_DB))

    const tables = await restoreVia(owner, project.ref, full.id, { connectionId: connections[TABLES_DB], dryRun: false, tables: ['public.notes'] })
    expect(tables.state, JSON.stringify(tables)).toBe('completed')
    const source = await tableHashes(SOURCE_DB)
    expect(await tableHashes(TABLES_DB)).toEqual({ 'public.notes': source['public.notes'] })
  })

  it('a backup of chosen tables holds only those tables', async () => {
    const backup = await backupVia(owner, project.ref, { engine: 'postgres', connectionId: connections.pgSource, tables: ['shop.customers'] })
    const dry = await restoreVia(owner, project.ref, backup.id, { connectionId: connections[FLIP_DB], dryRun: true })
    expect((dry.progress.plan as any).create).toEqual(['shop.customers'])
  })
})

describe('Redis backups (DUMP payloads with expiry)', () => {
  it('round trip into another database: every key equal byte for byte, TTLs within 1 s; REPLACE only when asked', async () => {
    await seedRedis(redisSource, PREFIX)
    const before = await redisSnapshot(redisSource, PREFIX)
    const backup = await backupVia(owner, project.ref, { engine: 'redis', connectionId: connections.redisSource, pattern: `${PREFIX}*` })

    const dry = await restoreVia(owner, project.ref, backup.id, { connectionId: connections.redisTarget, dryRun: true })
    expect((dry.progress.plan as any).counts).toEqual({ create: before.size, overwrite: 0, keep: 0 })
    expect(await redisTarget.exists(`${PREFIX}str`)).toBe(0)

    const restored = await restoreVia(owner, project.ref, backup.id, { connectionId: connections.redisTarget, dryRun: false })
    expect(restored.progress).toMatchObject({ restored: before.size, kept: 0 })
    expectSameRedis(await redisSnapshot(redisTarget, PREFIX), before)

    // Without replace an existing key is kept; with replace it is overwritten. A pattern narrows it.
    await redisTarget.set(`${PREFIX}str`, 'changed')
    const kept = await restoreVia(owner, project.ref, backup.id, { connectionId: connections.redisTarget, dryRun: false, pattern: `${PREFIX}s*` })
    // str, set, stream match s*; zset and the rest do not.
    expect(kept.progress).toMatchObject({ restored: 0, kept: 3 })
    expect(await redisTarget.get(`${PREFIX}str`)).toBe('changed')
    const replaced = await restoreVia(owner, project.ref, backup.id, {
      connectionId: connections.redisTarget,
      dryRun: false,
      pattern: `${PREFIX}str`,
      replace: true,
    })
    expect(replaced.progress).toMatchObject({ restored: 1, kept: 0 })
    expectSameRedis(await redisSnapshot(redisTarget, PREFIX), before)
  })
})

describe('MongoDB backups (canonical EJSON in a tar)', () => {
  it('round trip into another database: documents equal with exact BSON types, indexes recreated', async () => {
    const source = mongo.db(MONGO_SOURCE)
    await source.collection('people').insertMany([
      { _id: new ObjectId(), i: new Int32(1), d: new Double(1), l: Long.fromString('9007199254740993'), when: new Date(1_700_000_000_123), bin: new Binary(Buffer.from([0, 1, 2])), nested: { a: [new Int32(1), new Double(2.5)] } },
      { _id: new ObjectId(), name: 'x', tags: ['a', 'b'] },
    ])
    await source.collection('people').createIndex({ name: 1 }, { name: 'by_name' })
    await source.collection('empty_one').insertOne({ _id: 'k' as never })
    const before = await mongoSnapshot(mongo, MONGO_SOURCE)
    const backup = await backupVia(owner, project.ref, { engine: 'mongodb', connectionId: connections.mongo, database: MONGO_SOURCE })

    const dry = await restoreVia(owner, project.ref, backup.id, { connectionId: connections.mongo, database: MONGO_TARGET, dryRun: true })
    expect((dry.progress.plan as any).counts).toEqual({ create: 3, overwrite: 0, keep: 0 })
    const restored = await restoreVia(owner, project.ref, backup.id, { connectionId: connections.mongo, database: MONGO_TARGET, dryRun: false })
    expect(restored.progress, JSON.stringify(restored)).toMatchObject({ inserted: 3, kept: 0 })
    const after = await mongoSnapshot(mongo, MONGO_TARGET)
    expect(after).toEqual(before)
    expect(after.people.join()).toContain('"$numberInt":"1"')
    expect(after.people.join()).toContain('"$numberDouble":"1.0"')
    expect(after.people.join()).toContain('"$numberLong":"9007199254740993"')
    const indexes = await mongo.db(MONGO_TARGET).collection('people').indexes()
    expect(indexes.map((index) => index.name)).toContain('by_name')

    // Same _id already there: kept unless replace is asked for.
    await mongo.db(MONGO_TARGET).collection('empty_one').updateOne({ _id: 'k' as never }, { $set: { changed: true } })
    const kept = await restoreVia(owner, project.ref, backup.id, { connectionId: connections.mongo, database: MONGO_TARGET, dryRun: false, collections: ['empty_one'] })
    expect(kept.progress).toMatchObject({ inserted: 0, kept: 1 })
    const replaced = await restoreVia(owner, project.ref, backup.id, {
      connectionId: connections.mongo,
      database: MONGO_TARGET,
      dryRun: false,
      collections: ['empty_one'],
      replace: true,
    })
    expect(replaced.progress).toMatchObject({ replaced: 1 })
    expect(await mongoSnapshot(mongo, MONGO_TARGET)).toEqual(before)
  })
})

describe('integrity, listing and roles', () => {
  let backupId: string

  beforeAll(async () => {
    backupId = (await backupVia(owner, project.ref, { engine: 'postgres', connectionId: connections.pgSource, tables: ['public.notes'] })).id
  })

  it('download streams the stored bytes with Content-Length and the sha256 header', async () => {
    const response = await fetch(`${inject('studioUrl')}/api/platform/backups/${project.ref}/${backupId}/download`, {
      headers: { authorization: `Bearer ${project.owner.token}` },
    })
    expect(response.status).toBe(200)
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length)
    const { createHash } = await import('node:crypto')
    expect(response.headers.get('x-backup-sha256')).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it('a stored object with one flipped byte: verify fails, restore refuses before touching the target', async () => {
    const verified = await owner('POST', `/api/platform/backups/${project.ref}/${backupId}/verify`)
    expect(verified.body).toMatchObject({ ok: true })
    const platform = new Client({ connectionString: inject('platformDatabaseUrl') })
    await platform.connect()
    const { rows } = await platform.query(`SELECT object_key FROM platform.backups WHERE id = $1`, [backupId])
    await platform.end()
    const file = await open(path.resolve(__dirname, '../..', '.data/backups', rows[0].object_key), 'r+')
    const byte = Buffer.alloc(1)
    await file.read(byte, 0, 1, 100)
    byte[0] ^= 0xff
    await file.write(byte, 0, 1, 100)
    await file.close()

    const broken = await owner('POST', `/api/platform/backups/${project.ref}/${backupId}/verify`)
    expect(broken.body).toMatchObject({ ok: false })
    const restore = await restoreVia(owner, project.ref, backupId, { connectionId: connections[FLIP_DB], dryRun: false })
    expect(restore.state).toBe('failed')
    expect(restore.error).toMatch(/sha256/)
    expect(await tableHashes(FLIP_DB)).toEqual({})
  })

  it('lists with filters and pages, and reports stats per connection', async () => {
    const list = await owner('GET', `/api/platform/backups/${project.ref}?engine=redis&status=succeeded&limit=1`)
    expect(list.status).toBe(200)
    expect(list.body.total).toBeGreaterThanOrEqual(1)
    expect(list.body.backups).toHaveLength(1)
    expect(list.body.backups[0]).not.toHaveProperty('objectKey')
    const stats = await owner('GET', `/api/platform/backups/${project.ref}/stats`)
    expect(stats.body.count).toBeGreaterThanOrEqual(5)
    expect(stats.body.lastSuccess.map((entry: any) => entry.connectionId)).toContain(connections.pgSource)
    const unknown = await owner('GET', `/api/platform/backups/${project.ref}?bogus=1`)
    expect(unknown.status).toBe(400)
  })

  it('read_only lists and reads only; developer creates and downloads but cannot restore; a stranger gets 404', async () => {
    const readOnly: TestUser = await project.member('read_only')
    const developer: TestUser = await project.member('developer')
    const stranger: TestUser = await createUser()
    const base = `/api/platform/backups/${project.ref}`
    expect((await readOnly.request('GET', base)).status).toBe(200)
    expect((await readOnly.request('GET', `${base}/${backupId}`)).status).toBe(200)
    expect((await readOnly.request('GET', `${base}/stats`)).status).toBe(200)
    expect((await readOnly.request('POST', base, { engine: 'redis', connectionId: connections.redisSource })).status).toBe(403)
    expect((await readOnly.request('GET', `${base}/${backupId}/download`)).status).toBe(403)
    expect((await readOnly.request('POST', `${base}/${backupId}/restore`, { connectionId: connections.pgSource })).status).toBe(403)
    expect((await readOnly.request('DELETE', `${base}/${backupId}`)).status).toBe(403)

    expect((await developer.request('GET', `${base}/${backupId}/download`)).status).toBe(200)
    const denied = await developer.request('POST', `${base}/${backupId}/restore`, { connectionId: connections.pgSource })
    expect(denied.status).toBe(403)
    expect(errorOf(denied).code).toBe('FORBIDDEN')

    for (const [method, path] of [
      ['GET', base],
      ['GET', `${base}/${backupId}`],
      ['GET', `${base}/${backupId}/download`],
      ['POST', `${base}/${backupId}/restore`],
      ['DELETE', `${base}/${backupId}`],
    ]) {
      const response = await stranger.request(method, path, method === 'POST' ? { connectionId: connections.pgSource } : undefined)
      expect(response.status, `${method} ${path}`).toBe(404)
    }
    // Unknown fields are refused; ids are uuids, so no path reaches the store.
    expect((await owner('POST', base, { engine: 'redis', connectionId: connections.redisSource, path: '../x' })).status).toBe(400)
    expect((await owner('GET', `${base}/..%2F..%2Fetc`)).status).toBe(400)
  })

  it('delete removes the object and the row (admin)', async () => {
    const removed = await owner('DELETE', `/api/platform/backups/${project.ref}/${backupId}`)
    expect(removed.status).toBe(200)
    expect((await owner('GET', `/api/platform/backups/${project.ref}/${backupId}`)).status).toBe(404)
    expect((await apiRequest('GET', `/api/platform/backups/${project.ref}/${backupId}`, { token: project.owner.token })).status).toBe(404)
  })
})
