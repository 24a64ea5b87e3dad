import { createHash, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { Double, Int32, Long, ObjectId } from 'bson'
import Redis from 'ioredis'
import type { MongoClient } from 'mongodb'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiRequest } from '../helpers/api'
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
import { dropMongoTestDatabases, mongoTestDatabase, rawMongoClient } from '../helpers/mongodb'
import { createScratchDatabase } from '../helpers/own-servers'
import { createTestDatabase, dropTestDatabase, withAdminClient } from '../helpers/pg-fixture'
import { mongodbEndpoint, postgresEndpoint, redisEndpoint, REDIS_URL } from '../helpers/services'
import { mintToken, TEST_JWT_SECRET } from '../helpers/tokens'
import { freePort, startStudio, type StudioProcess } from '../setup/studio-process'

/**
 * Two Studios on one platform database and one S3-compatible bucket (s3rver, in this process, on a
 * loopback port) and no shared disk: a backup written through one is downloaded, verified and
 * restored through the other. Redis databases 14 and 15 under a random prefix; own Postgres/Mongo databases.
 */
const run = randomUUID().replace(/-/g, '').slice(0, 8)
const BUCKET = 'studio-backups'
const SOURCE_DB = `mbtest_pg_bks3_src_${run}`
const TARGET_DB = `mbtest_pg_bks3_dst_${run}`
const FLIP_DB = `mbtest_pg_bks3_flip_${run}`
const PREFIX = `bks3:${run}:`
const MONGO_SOURCE = mongoTestDatabase('bks3src')
const MONGO_TARGET = mongoTestDatabase('bks3dst')

let s3server: S3rver
let s3dir: string
let s3: S3Client
let studios: StudioProcess[] = []
let dropPlatform: () => Promise<void>
let token: string
let ref: string
const connections: Record<string, string> = {}
let redisSource: Redis
let redisTarget: Redis
let mongo: MongoClient

const via = (index: number): Call => (method, path, body) => apiRequest(method, path, { token, body, baseUrl: studios[index].url })
const first = via(0)
const second = via(1)

async function addConnection(engine: string, body: Record<string, unknown>): Promise<string> {
  const endpoint = engine === 'redis' ? redisEndpoint() : engine === 'mongodb' ? mongodbEndpoint() : postgresEndpoint()
  const created = await first('POST', `/api/platform/${engine}/${ref}/connections`, {
    host: endpoint.host,
    port: endpoint.port,
    ...(endpoint.username ? { username: endpoint.username } : {}),
    ...(endpoint.password ? { password: endpoint.password } : {}),
    ...body,
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.id
}

beforeAll(async () => {
  s3dir = mkdtempSync(path.join(tmpdir(), 'mb-s3rver-'))
  const port = await freePort()
  s3server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: s3dir, configureBuckets: [{ name: BUCKET, configs: [] }] })
  await s3server.run()
  const endpoint = `http://127.0.0.1:${port}`
  s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })

  const platform = await createScratchDatabase()
  dropPlatform = platform.drop
  const env = {
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: platform.url,
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: `bk:${Buffer.alloc(32, 7).toString('base64')}`,
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
    BACKUP_S3_URL: endpoint,
    BACKUP_S3_BUCKET: BUCKET,
    BACKUP_S3_ACCESS_KEY_ID: 'S3RVER',
    BACKUP_S3_SECRET_ACCESS_KEY: 'S3RVER',
  }
  // One first (it applies the migrations), then the second; each gets its own empty BACKUP_DIR.
  studios = [await startStudio({ ...env, BACKUP_DIR: mkdtempSync(path.join(tmpdir(), 'mb-bk-a-')) })]
  studios.push(await startStudio({ ...env, BACKUP_DIR: mkdtempSync(path.join(tmpdir(), 'mb-bk-b-')) }))

  token = await mintToken()
  const org = await first('POST', '/api/platform/organizations', { name: 'backups', slug: `bk-${run}` })
  ref = `bk-${run}`
  expect((await first('POST', '/api/platform/projects', { organizationId: org.body.id, name: ref, ref })).status).toBe(201)

  await createTestDatabase(SOURCE_DB)
  await withAdminClient(SOURCE_DB, (client) => client.query(PG_BACKUP_FIXTURE))
  await createTestDatabase(TARGET_DB)
  await createTestDatabase(FLIP_DB)
  connections.pgSource = await addConnection('postgres', { identifier: 'src', options: { database: SOURCE_DB } })
  connections.pgTarget = await addConnection('postgres', { identifier: 'dst', options: { database: TARGET_DB } })
  connections.pgFlip = await addConnection('postgres', { identifier: 'flip', options: { database: FLIP_DB } })
  connections.redisSource = await addConnection('redis', { identifier: 'rsrc', options: { db: 14 } })
  connections.redisTarget = await addConnection('redis', { identifier: 'rdst', options: { db: 15 } })
  connections.mongo = await addConnection('mongodb', { identifier: 'mongo' })
  redisSource = new Redis(REDIS_URL, { db: 14 })
  redisTarget = new Redis(REDIS_URL, { db: 15 })
  mongo = await rawMongoClient()
}, 240_000)

afterAll(async () => {
  await Promise.all(studios.map((studio) => studio.stop()))
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
  for (const db of [SOURCE_DB, TARGET_DB, FLIP_DB]) await dropTestDatabase(db)
  await dropPlatform?.()
  await s3server?.close()
  if (s3dir) rmSync(s3dir, { recursive: true, force: true })
})

describe('backups in S3-compatible storage, across two instances', () => {
  it('Postgres: backup through one instance, restore through the other, dumps and md5s equal', async () => {
    const backup = await backupVia(first, ref, { engine: 'postgres', connectionId: connections.pgSource })
    const restored = await restoreVia(second, ref, backup.id, { connectionId: connections.pgTarget, dryRun: false })
    expect(restored.state, JSON.stringify(restored)).toBe('completed')
    expect(schemaDump(TARGET_DB)).toBe(schemaDump(SOURCE_DB))
    expect(await tableHashes(TARGET_DB)).toEqual(await tableHashes(SOURCE_DB))

    // The object is in the bucket (no instance's disk), under a generated name, with the recorded size.
    const projectId = (await second('GET', `/api/platform/projects/${ref}`)).body.id
    const stored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${projectId}/${backup.id}.dump` }))
    expect(Number(stored.ContentLength)).toBe(backup.sizeBytes)
    await stored.Body!.transformToByteArray()

    const download = await fetch(`${studios[1].url}/api/platform/backups/${ref}/${backup.id}/download`, { headers: { authorization: `Bearer ${token}` } })
    const bytes = Buffer.from(await download.arrayBuffer())
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(backup.sha256)
    expect(download.headers.get('x-backup-sha256')).toBe(backup.sha256)
  })

  it('Redis and MongoDB round trips through S3 are equal value by value', async () => {
    await seedRedis(redisSource, PREFIX)
    const redisBefore = await redisSnapshot(redisSource, PREFIX)
    const redisBackup = await backupVia(first, ref, { engine: 'redis', connectionId: connections.redisSource, pattern: `${PREFIX}*` })
    const redisRestore = await restoreVia(second, ref, redisBackup.id, { connectionId: connections.redisTarget, dryRun: false })
    expect(redisRestore.progress).toMatchObject({ restored: redisBefore.size })
    expectSameRedis(await redisSnapshot(redisTarget, PREFIX), redisBefore)

    await mongo.db(MONGO_SOURCE).collection('items').insertMany([
      { _id: new ObjectId(), i: new Int32(7), d: new Double(3), l: Long.fromString('-9007199254740993'), at: new Date(0) },
      { _id: new ObjectId(), text: 'é', list: [new Int32(1), 'two'] },
    ])
    const mongoBefore = await mongoSnapshot(mongo, MONGO_SOURCE)
    const mongoBackup = await backupVia(second, ref, { engine: 'mongodb', connectionId: connections.mongo, database: MONGO_SOURCE })
    const mongoRestore = await restoreVia(first, ref, mongoBackup.id, { connectionId: connections.mongo, database: MONGO_TARGET, dryRun: false })
    expect(mongoRestore.state, JSON.stringify(mongoRestore)).toBe('completed')
    expect(await mongoSnapshot(mongo, MONGO_TARGET)).toEqual(mongoBefore)
  })

  it('an object with one flipped byte in the bucket: verify fails and restore refuses before touching the target', async () => {
    const backup = await backupVia(first, ref, { engine: 'postgres', connectionId: connections.pgSource, tables: ['public.notes'] })
    const projectId = (await first('GET', `/api/platform/projects/${ref}`)).body.id
    const key = `${projectId}/${backup.id}.dump`
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
    const bytes = Buffer.from(await object.Body!.transformToByteArray())
    bytes[100] ^= 0xff
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes }))

    const verified = await second('POST', `/api/platform/backups/${ref}/${backup.id}/verify`)
    expect(verified.body).toMatchObject({ ok: false, expected: backup.sha256 })
    const restore = await restoreVia(second, ref, backup.id, { connectionId: connections.pgFlip, dryRun: false })
    expect(restore.state).toBe('failed')
    expect(restore.error).toMatch(/sha256/)
    expect(await tableHashes(FLIP_DB)).toEqual({})
  })
})
