import { randomUUID } from 'node:crypto'

import { Double, Int32, Long, ObjectId } from 'bson'
import Redis from 'ioredis'
import type { MongoClient } from 'mongodb'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { dropMongoTestDatabases, mongoTestDatabase, rawMongoClient } from '../helpers/mongodb'
import { createScratchDatabase } from '../helpers/own-servers'
import { REDIS_URL } from '../helpers/services'
import { waitForSync } from '../helpers/sync'

/** Redis: databases 3 (source) and 4 (target), every key under this run's prefix. */
const SOURCE_DB = 3
const TARGET_DB = 4
const prefix = `sync:${randomUUID().slice(0, 8)}:`

let project: TestProject
let mongo: MongoClient
const mongoDatabases: string[] = []
let redisSource: Redis
let redisTarget: Redis
let pgTarget: { url: string; drop(): Promise<void> }
let pg: Client

const jobsPath = () => `/api/platform/sync/${project.ref}/jobs`

async function runSync(body: Record<string, unknown>): Promise<any> {
  const created = await project.owner.request('POST', jobsPath(), { name: 'engine', mode: 'data', batchSize: 100, ...body })
  expect(created.status).toBe(201)
  expect((await project.owner.request('POST', `${jobsPath()}/${created.body.id}/start`)).status).toBe(202)
  return waitForSync(project.owner, `${jobsPath()}/${created.body.id}`, (job) => job.state === 'completed')
}

async function scanAll(redis: Redis): Promise<string[]> {
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, page] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    cursor = next
    keys.push(...page)
  } while (cursor !== '0')
  return keys.sort()
}

beforeAll(async () => {
  project = await createProject()
  mongo = await rawMongoClient()
  redisSource = new Redis(REDIS_URL, { db: SOURCE_DB })
  redisTarget = new Redis(REDIS_URL, { db: TARGET_DB })
  pgTarget = await createScratchDatabase('multibase_test_sync')
  pg = new Client({ connectionString: pgTarget.url })
  await pg.connect()
})

afterAll(async () => {
  for (const redis of [redisSource, redisTarget]) {
    const keys = await scanAll(redis)
    if (keys.length > 0) await redis.unlink(...keys)
    redis.disconnect()
  }
  await dropMongoTestDatabases(mongo, mongoDatabases)
  await mongo.close()
  await pg.end()
  await pgTarget.drop()
})

describe('sync engines', () => {
  it('Redis → Redis: every type byte for byte (DUMP), TTLs kept within 1 s', async () => {
    const source = await addConnection(project, 'redis', { options: { db: SOURCE_DB } })
    const target = await addConnection(project, 'redis', { options: { db: TARGET_DB } })
    const pipeline = redisSource.pipeline()
    for (let index = 0; index < 500; index++) {
      pipeline.set(`${prefix}s:${index}`, `value ${index} ✓`)
      pipeline.hset(`${prefix}h:${index}`, '__proto__', 'x', 'b', Buffer.from([0, 255, 1]))
      pipeline.rpush(`${prefix}l:${index}`, 'a', 'b', 'a')
      pipeline.sadd(`${prefix}set:${index}`, 'x', 'y')
      pipeline.zadd(`${prefix}z:${index}`, 1.5, 'one', -2, 'two')
      pipeline.xadd(`${prefix}x:${index}`, '*', 'field', String(index))
      if (index % 3 === 0) pipeline.pexpire(`${prefix}s:${index}`, 600_000 + index)
      if (index % 4 === 0) pipeline.expire(`${prefix}h:${index}`, 3600)
    }
    await pipeline.exec()

    const job = await runSync({ direction: 'redis->redis', sourceConnectionId: source.id, targetConnectionId: target.id, scope: { keyPattern: `${prefix}*` } })
    expect(job.progress.done).toBe(3000)
    const keys = await scanAll(redisSource)
    expect(await scanAll(redisTarget)).toEqual(keys)
    for (const key of keys) {
      expect(await redisTarget.dumpBuffer(key)).toEqual(await redisSource.dumpBuffer(key))
      const [expected, actual] = [await redisSource.pexpiretime(key), await redisTarget.pexpiretime(key)]
      if (expected < 0) expect(actual).toBe(expected)
      else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1000)
    }

    // `skip` leaves an existing key as it is; `overwrite` replaces it.
    await redisSource.set(`${prefix}s:1`, 'changed')
    await runSync({ direction: 'redis->redis', sourceConnectionId: source.id, targetConnectionId: target.id, scope: { keyPattern: `${prefix}s:1` }, conflictPolicy: 'skip' })
    expect(await redisTarget.get(`${prefix}s:1`)).toBe('value 1 ✓')
    await runSync({ direction: 'redis->redis', sourceConnectionId: source.id, targetConnectionId: target.id, scope: { keyPattern: `${prefix}s:1` }, conflictPolicy: 'overwrite' })
    expect(await redisTarget.get(`${prefix}s:1`)).toBe('changed')
  })

  it('MongoDB → MongoDB: documents with their BSON types, and the indexes', async () => {
    const sourceDb = mongoTestDatabase('syncsrc')
    const targetDb = mongoTestDatabase('syncdst')
    mongoDatabases.push(sourceDb, targetDb)
    const documents = Array.from({ length: 500 }, (_, index) => ({
      _id: new ObjectId(),
      n: new Int32(index),
      big: Long.fromString('9007199254740993'),
      ratio: new Double(index + 0.5),
      at: new Date(Date.UTC(2024, 0, 1) + index * 1000),
      nested: { tags: ['a', index], ok: index % 2 === 0 },
    }))
    await mongo.db(sourceDb).collection('items').insertMany(documents)
    await mongo.db(sourceDb).collection('items').createIndex({ n: 1 }, { unique: true, name: 'n_unique' })
    await mongo.db(sourceDb).collection('items').createIndex({ 'nested.ok': 1, at: -1 }, { name: 'ok_at' })
    const source = await addConnection(project, 'mongodb')
    const target = await addConnection(project, 'mongodb')

    const job = await runSync({
      direction: 'mongodb->mongodb',
      sourceConnectionId: source.id,
      targetConnectionId: target.id,
      scope: { collections: [{ db: sourceDb, name: 'items' }] },
      targetDatabase: targetDb,
    })
    expect(job.progress.done).toBe(500)
    const read = (db: string) => mongo.db(db).collection('items').find({}, { sort: { _id: 1 }, promoteValues: false, promoteLongs: false }).toArray()
    const [expected, actual] = [await read(sourceDb), await read(targetDb)]
    expect(actual.length).toBe(expected.length)
    actual.forEach((document, index) => expect(document).toEqual(expected[index]))
    const indexNames = async (db: string) =>
      (await mongo.db(db).collection('items').indexes()).map((index) => ({ name: index.name, key: index.key, unique: index.unique ?? false })).sort((a, b) => String(a.name).localeCompare(String(b.name)))
    expect(await indexNames(targetDb)).toEqual(await indexNames(sourceDb))
  }, 150_000)

  it('MongoDB → Postgres (FerretDB stores no Decimal128: its numeric mapping is a unit test): Int64 → bigint, Date → timestamptz, ObjectId → text, the rest jsonb, value by value', async () => {
    const sourceDb = mongoTestDatabase('syncpg')
    mongoDatabases.push(sourceDb)
    const documents = Array.from({ length: 300 }, (_, index) => ({
      _id: new ObjectId(),
      name: `doc ${index}`,
      big: Long.fromString(`90071992547409${10 + index}`),
      at: new Date(Date.UTC(2024, 5, 1, 12, 0, 0, index)),
      owner: new ObjectId(),
      nested: { deep: [1, 'x', null], flag: true },
    }))
    await mongo.db(sourceDb).collection('things').insertMany(documents)
    const source = await addConnection(project, 'mongodb')
    const target = await addConnection(project, 'postgres', { options: { database: new URL(pgTarget.url).pathname.slice(1) } })

    await runSync({
      direction: 'mongodb->postgres',
      sourceConnectionId: source.id,
      targetConnectionId: target.id,
      scope: { collections: [{ db: sourceDb, name: 'things' }], targetSchema: 'mongo', documentMapping: 'columns' },
    })
    const columns = await pg.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'mongo' AND table_name = 'things' ORDER BY ordinal_position`
    )
    expect(Object.fromEntries(columns.rows.map((row) => [row.column_name, row.data_type]))).toEqual({
      _id: 'text',
      name: 'text',
      big: 'bigint',
      at: 'timestamp with time zone',
      owner: 'text',
      nested: 'jsonb',
    })
    const { rows } = await pg.query(
      `SELECT _id, name, big::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, owner, nested FROM mongo.things ORDER BY _id`
    )
    const expected = [...documents].sort((a, b) => a._id.toHexString().localeCompare(b._id.toHexString()))
    expect(rows.length).toBe(300)
    rows.forEach((row, index) => {
      const document = expected[index]
      expect(row).toEqual({
        _id: document._id.toHexString(),
        name: document.name,
        big: document.big.toString(),
        at: document.at.toISOString(),
        owner: document.owner.toHexString(),
        nested: { deep: [{ $numberInt: '1' }, 'x', null], flag: true },
      })
    })
  })
})
