import { randomUUID } from 'node:crypto'

import type { GenerateMigrationResponse, SyncValidateResponse } from '@multibase/api-contracts'
import Redis from 'ioredis'
import { Long, ObjectId, type MongoClient } from 'mongodb'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, createUser, type TestProject, type TestUser } from '../helpers/fixtures'
import { dropMongoTestDatabases, mongoTestDatabase, rawMongoClient } from '../helpers/mongodb'
import { createTestDatabase, dropTestDatabase, withAdminClient } from '../helpers/pg-fixture'
import { REDIS_URL } from '../helpers/services'
import { SYNC_SOURCE_SQL } from '../helpers/sync-schema-fixture'

/** Two Redis databases nobody else's suite uses, and every key under a random prefix. */
const REDIS_SOURCE_DB = 11
const REDIS_TARGET_DB = 12
const runId = randomUUID().replace(/-/g, '').slice(0, 8)
const DB = {
  source: `mbtest_pg_ss_src_${runId}`,
  empty: `mbtest_pg_ss_empty_${runId}`,
  drift: `mbtest_pg_ss_drift_${runId}`,
  mongoTarget: `mbtest_pg_ss_mongo_${runId}`,
}
const mongoDb = mongoTestDatabase('syncschema')

let project: TestProject
let developer: TestUser
let readOnly: TestUser
let admin: TestUser
let conn: Record<'pgSource' | 'pgEmpty' | 'pgDrift' | 'pgMongoTarget' | 'redisSource' | 'redisTarget' | 'mongo', string>
let redisSource: Redis
let redisTarget: Redis
let mongo: MongoClient

const validatePath = () => `/api/platform/sync/${project.ref}/validate`
const migrationPath = () => `/api/platform/sync/${project.ref}/generate-migration`
const endpoints = (source: string, target: string, scope: Record<string, unknown> = {}) => ({
  sourceConnectionId: source,
  targetConnectionId: target,
  scope,
})
const pgConnection = async (database: string) => (await addConnection(project, 'postgres', { options: { database } })).id

async function validate(body: ReturnType<typeof endpoints>, user: TestUser = developer) {
  const response = await user.request<SyncValidateResponse>('POST', validatePath(), body)
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body
}

async function queryDb<T = any>(database: string, sql: string): Promise<T[]> {
  return withAdminClient(database, async (client: Client) => (await client.query(sql)).rows as T[])
}

beforeAll(async () => {
  project = await createProject()
  ;[developer, readOnly, admin] = await Promise.all([project.member('developer'), project.member('read_only'), project.member('admin')])
  for (const name of Object.values(DB)) await createTestDatabase(name)
  await queryDb(DB.source, SYNC_SOURCE_SQL)
  // The drifted target: same tables, but int8 → int4 (lossy), int4 → int8 (lossless), a missing
  // enum label, and a table without a primary key on the source side.
  await queryDb(
    DB.source,
    `CREATE TABLE crm.visits (account_id integer, seen_at timestamptz);
     CREATE TABLE crm.widths (id integer PRIMARY KEY, small integer, big bigint, label varchar(40), at timestamptz, price numeric(12,2))`
  )
  await queryDb(
    DB.drift,
    `CREATE SCHEMA crm;
     CREATE TYPE crm.stage AS ENUM ('lead', 'won');
     CREATE TABLE crm.widths (id integer PRIMARY KEY, small bigint, big integer, label varchar(10), at timestamp, price numeric(8,2))`
  )
  conn = {
    pgSource: await pgConnection(DB.source),
    pgEmpty: await pgConnection(DB.empty),
    pgDrift: await pgConnection(DB.drift),
    pgMongoTarget: await pgConnection(DB.mongoTarget),
    redisSource: (await addConnection(project, 'redis', { options: { db: REDIS_SOURCE_DB } })).id,
    redisTarget: (await addConnection(project, 'redis', { options: { db: REDIS_TARGET_DB } })).id,
    mongo: (await addConnection(project, 'mongodb', { options: { database: mongoDb } })).id,
  }
  redisSource = new Redis(REDIS_URL, { db: REDIS_SOURCE_DB })
  redisTarget = new Redis(REDIS_URL, { db: REDIS_TARGET_DB })
  mongo = await rawMongoClient()
})

afterAll(async () => {
  for (const redis of [redisSource, redisTarget]) {
    const keys = await redis.keys(`ss:${runId}:*`)
    if (keys.length > 0) await redis.unlink(...keys)
    redis.disconnect()
  }
  await dropMongoTestDatabases(mongo, [mongoDb])
  await mongo.close()
  for (const name of Object.values(DB)) await dropTestDatabase(name)
})

describe('POST sync/[ref]/generate-migration (Postgres → Postgres)', () => {
  const crmTables = { tables: ['accounts', 'regions', 'offices'].map((name) => ({ schema: 'crm', name })) }

  it('builds the target schema in dependency order; applied, validate reports no difference; applying twice changes nothing', async () => {
    const before = await validate(endpoints(conn.pgSource, conn.pgEmpty, crmTables))
    expect(before.findings.map((finding) => finding.code)).toEqual(
      expect.arrayContaining(['MISSING_TABLE', 'MISSING_TYPE', 'SCHEMA_DIFFERENCES'])
    )

    const planned = await developer.request<GenerateMigrationResponse>('POST', migrationPath(), endpoints(conn.pgSource, conn.pgEmpty, crmTables))
    expect(planned.status, JSON.stringify(planned.body)).toBe(200)
    const kinds = planned.body.statements.map((statement) => statement.kind)
    const firstOf = (kind: string) => kinds.indexOf(kind)
    const lastOf = (kind: string) => kinds.lastIndexOf(kind)
    expect(lastOf('enum')).toBeLessThan(firstOf('table'))
    expect(lastOf('sequence')).toBeLessThan(firstOf('table'))
    expect(lastOf('table')).toBeLessThan(firstOf('primary_key'))
    expect(lastOf('unique')).toBeLessThan(firstOf('foreign_key'))
    expect(lastOf('foreign_key')).toBeLessThan(firstOf('index'))
    expect(planned.body.statements.map((statement) => statement.object)).toEqual(
      expect.arrayContaining(['crm.accounts.accounts_parent_id_fkey', 'crm.offices.offices_region_fk', 'crm.accounts_active_idx', 'crm.invoice_no'])
    )
    expect(planned.body.postData.map((statement) => statement.kind)).toEqual(['setval', 'setval', 'setval'])
    expect(planned.body.diff.find((entry) => entry.object === 'crm.accounts')).toMatchObject({ kind: 'table', target: null })
    expect(planned.body.applied).toBe(false)
    expect(await queryDb(DB.empty, `SELECT 1 FROM pg_namespace WHERE nspname = 'crm'`)).toHaveLength(0)

    const applied = await admin.request<GenerateMigrationResponse>('POST', migrationPath(), {
      ...endpoints(conn.pgSource, conn.pgEmpty, crmTables),
      apply: true,
      expectedSha256: planned.body.sha256,
    })
    expect(applied.status, JSON.stringify(applied.body)).toBe(200)
    expect(applied.body).toMatchObject({ applied: true, sha256: planned.body.sha256 })

    // The script itself run a second time on the migrated target: no error, no change.
    const catalogOf = () =>
      queryDb(
        DB.empty,
        `SELECT (SELECT json_agg(c ORDER BY c) FROM (SELECT conname || ':' || pg_get_constraintdef(oid) AS c FROM pg_constraint WHERE connamespace = 'crm'::regnamespace) s) AS constraints,
                (SELECT json_agg(i ORDER BY i) FROM (SELECT indexdef AS i FROM pg_indexes WHERE schemaname = 'crm') s) AS indexes,
                (SELECT json_agg(a ORDER BY a) FROM (SELECT attrelid::regclass || '.' || attname || ':' || format_type(atttypid, atttypmod) || ':' || attidentity::text || ':' || attgenerated::text AS a
                   FROM pg_attribute WHERE attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'crm'::regnamespace AND relkind = 'r') AND attnum > 0) s) AS columns,
                (SELECT array_agg(enumlabel::text ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'crm.stage'::regtype) AS labels`
      )
    const once = await catalogOf()
    await withAdminClient(DB.empty, async (client) => {
      await client.query('BEGIN')
      for (const statement of planned.body.statements) await client.query(statement.sql)
      await client.query('COMMIT')
    })
    expect(await catalogOf()).toEqual(once)
    expect(once[0].labels).toEqual(['lead', 'qualified', 'won', 'lost'])
    expect(once[0].constraints).toEqual(
      expect.arrayContaining([
        'accounts_parent_id_fkey:FOREIGN KEY (parent_id) REFERENCES crm.accounts(id)',
        'offices_region_fk:FOREIGN KEY (country, region_code) REFERENCES crm.regions(country, code)',
        'offices_account_id_fkey:FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE',
      ])
    )

    const after = await validate(endpoints(conn.pgSource, conn.pgEmpty, crmTables))
    expect(after.findings).toEqual([])
    expect(after.ok).toBe(true)
    const again = await developer.request<GenerateMigrationResponse>('POST', migrationPath(), endpoints(conn.pgSource, conn.pgEmpty, crmTables))
    expect(again.body.statements).toEqual([])
    expect(again.body.diff).toEqual([])

    // Rows copied with their ids, then the post-data statements: the next ids continue after them.
    await withAdminClient(DB.empty, async (client) => {
      await client.query(`INSERT INTO crm.accounts (id, name, slug) OVERRIDING SYSTEM VALUE VALUES (10, 'Acme', 'acme'), (12, 'Globex', 'globex')`)
      for (const statement of planned.body.postData) await client.query(statement.sql)
      const { rows } = await client.query(`INSERT INTO crm.accounts (name, slug) VALUES ('New', 'new') RETURNING id`)
      expect(rows[0].id).toBe('14')
    })
  })

  it('applies only for admins (developer 403), audits the statement count and the script hash', async () => {
    const body = { ...endpoints(conn.pgSource, conn.pgDrift, { tables: [{ schema: 'crm', name: 'regions' }] }), apply: true }
    const denied = await developer.request('POST', migrationPath(), body)
    expect(denied.status).toBe(403)
    expect(await queryDb(DB.drift, `SELECT 1 FROM pg_class WHERE oid = to_regclass('crm.regions')`)).toHaveLength(0)

    const stale = await admin.request('POST', migrationPath(), { ...body, expectedSha256: '0'.repeat(64) })
    expect(stale.status).toBe(409)
    expect(errorOf(stale).code).toBe('MIGRATION_CHANGED')

    const applied = await admin.request<GenerateMigrationResponse>('POST', migrationPath(), body)
    expect(applied.status).toBe(200)
    expect(await queryDb(DB.drift, `SELECT 1 FROM pg_class WHERE oid = to_regclass('crm.regions')`)).toHaveLength(1)

    const platform = new Client({ connectionString: inject('platformDatabaseUrl') })
    await platform.connect()
    try {
      const { rows } = await platform.query(
        `SELECT a.user_id, a.details, a.kind FROM platform.audit_log a JOIN platform.projects p ON p.id = a.project_id
          WHERE p.ref = $1 AND a.action = 'APPLY /api/platform/sync/[ref]/generate-migration'`,
        [project.ref]
      )
      const row = rows.find((candidate) => candidate.details.sha256 === applied.body.sha256)
      expect(row).toMatchObject({ user_id: admin.id, kind: 'admin', details: { statements: applied.body.statements.length } })
      expect(applied.body.statements.length).toBeGreaterThan(0)
    } finally {
      await platform.end()
    }
  })
})

describe('POST sync/[ref]/validate', () => {
  it('reports lossless and lossy type mismatches, a missing enum label and a table without a primary key', async () => {
    const report = await validate(
      endpoints(conn.pgSource, conn.pgDrift, { tables: ['accounts', 'widths', 'visits'].map((name) => ({ schema: 'crm', name })) })
    )
    expect(report.ok).toBe(false)
    const byObject = (object: string) => report.findings.filter((finding) => finding.object === object)
    expect(byObject('crm.widths.small')).toEqual([
      expect.objectContaining({ code: 'TYPE_MISMATCH', severity: 'warning', details: { sourceType: 'integer', targetType: 'bigint', lossless: true } }),
    ])
    expect(byObject('crm.widths.big')).toEqual([expect.objectContaining({ code: 'TYPE_MISMATCH', severity: 'error', details: { sourceType: 'bigint', targetType: 'integer', lossless: false } })])
    expect(byObject('crm.widths.label')[0]).toMatchObject({ severity: 'error', details: { lossless: false } })
    expect(byObject('crm.widths.at')[0]).toMatchObject({ severity: 'error', details: { sourceType: 'timestamp with time zone', lossless: false } })
    expect(byObject('crm.widths.price')[0]).toMatchObject({ severity: 'error', details: { sourceType: 'numeric(12,2)', lossless: false } })
    expect(byObject('crm.visits')).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'error', code: 'MISSING_PRIMARY_KEY' })]))
    expect(byObject('crm.stage')).toEqual([expect.objectContaining({ severity: 'error', code: 'ENUM_VALUE_MISSING', details: { missing: ['qualified', 'lost'], fixableByMigration: true } })])
    expect(report.size.objects.map((item) => item.object)).toEqual(['crm.accounts', 'crm.visits', 'crm.widths'])
    expect(report.size.bytes).toBeGreaterThan(0)
  })

  it('adds the missing enum labels in the source order through generate-migration', async () => {
    const scope = { tables: [{ schema: 'crm', name: 'accounts' }] }
    const planned = await developer.request<GenerateMigrationResponse>('POST', migrationPath(), endpoints(conn.pgSource, conn.pgDrift, scope))
    expect(planned.body.statements.filter((statement) => statement.kind === 'enum_value').map((statement) => statement.sql)).toEqual([
      `ALTER TYPE "crm"."stage" ADD VALUE IF NOT EXISTS 'qualified' AFTER 'lead'`,
      `ALTER TYPE "crm"."stage" ADD VALUE IF NOT EXISTS 'lost' AFTER 'won'`,
    ])
  })

  it('reports Redis keys of the pattern that already exist on the target', async () => {
    const prefix = `ss:${runId}:`
    await redisSource.mset(`${prefix}a`, '1', `${prefix}b`, '2', `${prefix}c`, '3')
    await redisTarget.mset(`${prefix}b`, 'x', `${prefix}z`, 'y')
    const report = await validate(endpoints(conn.redisSource, conn.redisTarget, { keyPattern: `${prefix}*` }))
    expect(report.direction).toBe('redis->redis')
    expect(report.findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'KEY_OVERLAP',
        details: { targetMatching: 2, exact: true, sourceKeysChecked: 3, sourceKeysOnTarget: 1 },
      }),
    ])
    expect(report.size.units).toBe(3)
    expect(report.size.bytes).toBeGreaterThan(0)
  })

  // The shared FerretDB closes the connection on Decimal128; its → numeric mapping is covered by the unit test.
  it('previews MongoDB → Postgres columns with the exact type mapping, then creates that table', async () => {
    await mongo.db(mongoDb).collection('people').insertMany([
      { _id: new ObjectId(), visits: Long.fromString('9007199254740993'), born: new Date(0), name: 'Ada', tags: ['x'] },
      { _id: new ObjectId(), visits: Long.fromNumber(2), born: new Date(1), name: 'Bob', ref: new ObjectId() },
    ])
    const scope = { collections: [{ db: mongoDb, name: 'people' }], documentMapping: 'columns', targetSchema: 'docs' }
    const report = await validate(endpoints(conn.mongo, conn.pgMongoTarget, scope))
    expect(report.direction).toBe('mongodb->postgres')
    expect(report.findings).toEqual([expect.objectContaining({ code: 'MISSING_TABLE', object: 'docs.people' })])
    const types = Object.fromEntries(report.preview![0].columns.map((column) => [column.name, column.type]))
    expect(types).toEqual({ _id: 'text', visits: 'bigint', born: 'timestamptz', name: 'jsonb', tags: 'jsonb', ref: 'text' })
    expect(report.preview![0]).toMatchObject({ collection: `${mongoDb}.people`, table: 'docs.people', sampled: 2 })

    const applied = await admin.request<GenerateMigrationResponse>('POST', migrationPath(), { ...endpoints(conn.mongo, conn.pgMongoTarget, scope), apply: true })
    expect(applied.status, JSON.stringify(applied.body)).toBe(200)
    const columns = await queryDb(DB.mongoTarget, `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'docs' AND table_name = 'people' ORDER BY ordinal_position`)
    expect(columns.map((column) => `${column.column_name}:${column.data_type}`)).toEqual([
      '_id:text', 'visits:bigint', 'born:timestamp with time zone', 'name:jsonb', 'tags:jsonb', 'ref:text',
    ])
    expect((await validate(endpoints(conn.mongo, conn.pgMongoTarget, scope))).findings).toEqual([])

    const jsonbScope = { collections: [{ db: mongoDb, name: 'people' }], targetSchema: 'raw' }
    const jsonb = await developer.request<GenerateMigrationResponse>('POST', migrationPath(), endpoints(conn.mongo, conn.pgMongoTarget, jsonbScope))
    expect(jsonb.body.statements.map((statement) => statement.sql)).toEqual([
      'CREATE SCHEMA IF NOT EXISTS "raw"',
      'CREATE TABLE IF NOT EXISTS "raw"."people" (\n  "_id" text PRIMARY KEY,\n  "doc" jsonb\n)',
    ])
  })
})

describe('who may validate and generate', () => {
  it('refuses read_only members (403) and strangers (404), and directions that cannot be synced (400)', async () => {
    const body = endpoints(conn.pgSource, conn.pgEmpty, { schemas: ['crm'] })
    expect((await readOnly.request('POST', validatePath(), body)).status).toBe(403)
    expect((await readOnly.request('POST', migrationPath(), body)).status).toBe(403)
    const stranger = await createUser()
    const strangerValidate = await stranger.request('POST', validatePath(), body)
    expect(strangerValidate.status).toBe(404)
    expect((await stranger.request('POST', migrationPath(), { ...body, apply: true })).status).toBe(404)
    const mixed = await developer.request('POST', validatePath(), endpoints(conn.redisSource, conn.pgEmpty))
    expect(mixed.status).toBe(400)
    expect(errorOf(mixed).code).toBe('UNSUPPORTED_DIRECTION')
    const unknown = await developer.request('POST', validatePath(), { ...body, extra: 1 })
    expect(unknown.status).toBe(400)
  })
})
