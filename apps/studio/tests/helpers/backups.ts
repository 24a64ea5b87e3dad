import { execFileSync } from 'node:child_process'

import type { JobStatus } from '@multibase/api-contracts'
import { EJSON } from 'bson'
import type Redis from 'ioredis'
import type { MongoClient } from 'mongodb'
import { expect } from 'vitest'

import type { ApiResponse } from './api'
import { withAdminClient } from './pg-fixture'
import { postgresEndpoint } from './services'

export type Call = <T = any>(method: string, path: string, body?: unknown) => Promise<ApiResponse<T>>

/** Polls a job until it ended and returns its last status. */
export async function waitForJob(call: Call, ref: string, jobId: string): Promise<JobStatus> {
  const deadline = Date.now() + 120_000
  for (;;) {
    const response = await call<JobStatus>('GET', `/api/platform/projects/${ref}/jobs/${jobId}`)
    expect(response.status).toBe(200)
    if (response.body.result !== null) return response.body
    if (Date.now() > deadline) throw new Error(`job never ended: ${JSON.stringify(response.body)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Creates a backup through the API, waits for its job and returns the backup's details. */
export async function backupVia(call: Call, ref: string, body: Record<string, unknown>) {
  const started = await call('POST', `/api/platform/backups/${ref}`, body)
  expect(started.status, JSON.stringify(started.body)).toBe(202)
  const job = await waitForJob(call, ref, started.body.jobId)
  expect(job.state, JSON.stringify(job)).toBe('completed')
  const details = await call('GET', `/api/platform/backups/${ref}/${started.body.backupId}`)
  expect(details.body.status).toBe('succeeded')
  return details.body as { id: string; sha256: string; sizeBytes: number; [field: string]: unknown }
}

export async function restoreVia(call: Call, ref: string, backupId: string, body: Record<string, unknown>): Promise<JobStatus> {
  const started = await call('POST', `/api/platform/backups/${ref}/${backupId}/restore`, body)
  expect(started.status, JSON.stringify(started.body)).toBe(202)
  return waitForJob(call, ref, started.body.jobId)
}

/** A small schema with the types a dump must keep exactly. */
export const PG_BACKUP_FIXTURE = /* sql */ `
CREATE SCHEMA shop;
CREATE TYPE shop.mood AS ENUM ('happy', 'sad');
CREATE TABLE shop.customers (id bigserial PRIMARY KEY, name text NOT NULL, mood shop.mood, joined timestamptz DEFAULT now());
CREATE TABLE shop.orders (
  id bigserial PRIMARY KEY, customer_id bigint REFERENCES shop.customers (id), total numeric(30, 10),
  ratio double precision, tags text[], doc jsonb, raw bytea
);
CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
CREATE VIEW shop.big_orders AS SELECT * FROM shop.orders WHERE total > 100;
CREATE TABLE public.notes (id int PRIMARY KEY, body text);
INSERT INTO shop.customers (name, mood, joined) SELECT 'c' || g, CASE WHEN g % 2 = 0 THEN 'happy' ELSE 'sad' END::shop.mood, '2024-01-01'::timestamptz + g * interval '1 hour' FROM generate_series(1, 200) g;
INSERT INTO shop.orders (customer_id, total, ratio, tags, doc, raw)
  SELECT 1 + g % 200, g * 1.0000000001, CASE WHEN g = 1 THEN 'NaN'::float8 WHEN g = 2 THEN '-Infinity' ELSE g / 7.0 END,
         ARRAY['a' || g, 'b'], jsonb_build_object('n', g, 'big', 12345678901234567890), decode(md5(g::text), 'hex')
    FROM generate_series(1, 1000) g;
INSERT INTO public.notes SELECT g, 'note ' || g FROM generate_series(1, 50) g;
`

/** pg_dump --schema-only of a database, without the per-run \\restrict key lines. */
export function schemaDump(database: string): string {
  const endpoint = postgresEndpoint()
  const out = execFileSync('pg_dump', ['--schema-only', `--host=${endpoint.host}`, `--port=${endpoint.port}`, `--username=${endpoint.username ?? 'postgres'}`, database], {
    env: { ...process.env, PGPASSWORD: endpoint.password ?? '' },
  }).toString()
  return out
    .split('\n')
    .filter((line) => !/^\\(un)?restrict /.test(line))
    .join('\n')
}

/** md5 of every user table's rows as text, ordered, keyed schema.table. */
export async function tableHashes(database: string): Promise<Record<string, string>> {
  return withAdminClient(database, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`
    )
    const hashes: Record<string, string> = {}
    for (const { name } of tables) {
      const { rows } = await client.query<{ md5: string; count: string }>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5, count(*) AS count FROM ${name} t`
      )
      hashes[name] = `${rows[0].count}:${rows[0].md5}`
    }
    return hashes
  })
}

/** Seeds one key of every type under prefix, some with a TTL. */
export async function seedRedis(redis: Redis, prefix: string): Promise<void> {
  await redis.set(`${prefix}str`, Buffer.from([0, 1, 2, 255]))
  await redis.set(`${prefix}ttl`, 'expires', 'PX', 600_000)
  await redis.hset(`${prefix}hash`, '__proto__', 'x', 'b', 'y')
  await redis.rpush(`${prefix}list`, 'a', 'b', 'a')
  await redis.sadd(`${prefix}set`, 'x', 'y')
  await redis.zadd(`${prefix}zset`, 1.5, 'one', -2, 'two')
  await redis.xadd(`${prefix}stream`, '1-1', 'f', 'v')
  await redis.expire(`${prefix}hash`, 3600)
  for (let index = 0; index < 1200; index++) await redis.set(`${prefix}many:${index}`, String(index))
}

/** Every key under prefix (name relative to it) with its type, DUMP payload and absolute expiry (ms, or PTTL when negative). */
export async function redisSnapshot(redis: Redis, prefix: string): Promise<Map<string, { type: string; value: string; pttl: number }>> {
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, page] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    cursor = next
    keys.push(...page)
  } while (cursor !== '0')
  const snapshot = new Map<string, { type: string; value: string; pttl: number }>()
  for (const key of keys.sort()) {
    const payload = (await redis.dumpBuffer(key))!
    const pttl = await redis.pttl(key)
    // Absolute expiry, so snapshots taken minutes apart compare: a restored TTL keeps counting down.
    snapshot.set(key.slice(prefix.length), { type: await redis.type(key), value: payload.toString('hex'), pttl: pttl < 0 ? pttl : Date.now() + pttl })
  }
  return snapshot
}

export function expectSameRedis(actual: Awaited<ReturnType<typeof redisSnapshot>>, expected: Awaited<ReturnType<typeof redisSnapshot>>) {
  expect([...actual.keys()]).toEqual([...expected.keys()])
  for (const [key, want] of expected) {
    const got = actual.get(key)!
    expect({ key, type: got.type, value: got.value }).toEqual({ key, type: want.type, value: want.value })
    if (want.pttl < 0) expect(got.pttl).toBe(want.pttl)
    else expect(Math.abs(got.pttl - want.pttl)).toBeLessThanOrEqual(1000)
  }
}

/** Every collection of a database as canonical EJSON (types exact), documents by _id. */
export async function mongoSnapshot(client: MongoClient, database: string): Promise<Record<string, string[]>> {
  const db = client.db(database)
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((entry) => entry.name).sort()
  const out: Record<string, string[]> = {}
  for (const name of names) {
    const docs = await db.collection(name).find({}, { promoteValues: false, sort: { _id: 1 } }).toArray()
    out[name] = docs.map((doc) => EJSON.stringify(doc, { relaxed: false }))
  }
  return out
}
