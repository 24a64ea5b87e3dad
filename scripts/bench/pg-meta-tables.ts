/**
 * GET /api/platform/pg-meta/[ref]/tables with include_columns=false and =true, through a running
 * Studio (production build) vs the same catalog query (same SQL, same transaction settings) on a
 * raw pg.Pool, at growing table counts: 500 and 5,000 by default (BENCH_POINTS=500,5000,50000 adds
 * a 50,000-table point, which takes several minutes to create). Each point adds tables to the same
 * database, then measures API and raw query alternately.
 * Goal: include_columns=true on 5,000 tables ≤ 1.3× the raw query.
 *
 *   bash scripts/bench/run.sh pg-meta-tables      (after `pnpm exec next build` in apps/studio)
 *
 * Uses only databases named mbtest_pg_bench* on the local Postgres (DATABASE_URL overrides the
 * admin URL) and drops them at the end; BENCH_REUSE=1 keeps the table database between runs.
 *
 * The API is measured as a browser asks (Accept-Encoding: gzip, the response compressed);
 * BENCH_IDENTITY=1 also measures `Accept-Encoding: identity` (the server's work without compression).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import path from 'node:path'

import { runCatalogJsonQuery } from '../../apps/studio/lib/api/database/postgres/catalog/run-catalog-query'
import { TABLES_SQL, TABLES_WITH_COLUMNS_SQL, tablesQueryValues } from '../../apps/studio/lib/api/database/postgres/catalog/tables'
import { postgresEndpoint, postgresUrlFor, POSTGRES_ADMIN_URL } from '../../apps/studio/tests/helpers/services'
import { mintToken, TEST_JWT_SECRET } from '../../apps/studio/tests/helpers/tokens'
import { startStudio, type StudioProcess } from '../../apps/studio/tests/setup/studio-process'

// pg is a dependency of the Studio, not of the repository root this script lives in.
const { Client, Pool } = createRequire(path.resolve(__dirname, '../../apps/studio/package.json'))('pg') as typeof import('pg')

const POINTS = (process.env.BENCH_POINTS ?? '500,5000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b)
const ITERATIONS = Math.max(5, Number(process.env.BENCH_ITERATIONS ?? 7))
const WARMUP = 2
const ENCODINGS = process.env.BENCH_IDENTITY === '1' ? (['gzip', 'identity'] as const) : (['gzip'] as const)
const BATCH = 500
const userDatabase = 'mbtest_pg_bench'
const platformDatabase = 'mbtest_pg_bench_platform'

async function admin(sql: string, database?: string) {
  const client = new Client({ connectionString: database ? postgresUrlFor(database) : POSTGRES_ADMIN_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * Tables `from`..`to` in a few big statements: each DO block creates 500 tables of 6 columns (a
 * primary key, text, numeric, jsonb, timestamptz, an enum) with a comment, and every tenth table a
 * foreign key to the previous one. Batches keep each transaction's locks within the shared lock table.
 */
async function createTables(from: number, to: number) {
  if (from === 1) await admin(`CREATE TYPE public.bench_state AS ENUM ('new', 'done')`, userDatabase)
  for (let start = from; start <= to; start += BATCH) {
    const end = Math.min(start + BATCH - 1, to)
    await admin(
      `DO $$
       BEGIN
         FOR i IN ${start}..${end} LOOP
           EXECUTE format('CREATE TABLE public.t_%s (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(12,2),
             doc jsonb, created_at timestamptz DEFAULT now(), state public.bench_state DEFAULT ''new''%s)',
             i, CASE WHEN i % 10 = 0 AND i > 1 THEN format(', parent_id bigint REFERENCES public.t_%s (id)', i - 1) ELSE '' END);
           EXECUTE format('COMMENT ON TABLE public.t_%s IS %L', i, 'bench table ' || i);
         END LOOP;
       END $$`,
      userDatabase
    )
  }
}

const REUSE = process.env.BENCH_REUSE === '1'

async function existingTableCount(): Promise<number> {
  const client = new Client({ connectionString: postgresUrlFor(userDatabase) })
  try {
    await client.connect()
    const result = await client.query(`SELECT count(*)::int AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`)
    return result.rows[0].n
  } catch {
    return -1
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function text(url: string, token: string, encoding: string): Promise<string> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': encoding } })
  const body = await response.text()
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 500)}`)
  return body
}

async function json(url: string, token: string, method = 'GET', body?: unknown, encoding = 'gzip') {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'accept-encoding': encoding,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 500)}`)
  return { body: JSON.parse(text), bytes: text.length, encoding: response.headers.get('content-encoding') ?? 'identity' }
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, min: sorted[0], max: sorted[sorted.length - 1] }
}

const spread = (value: { median: number; min: number; max: number }) =>
  `${value.median.toFixed(1)} (${value.min.toFixed(0)}–${value.max.toFixed(0)})`

/**
 * Runs the two cases alternately, so that both see the same machine load (the machine is shared),
 * and summarizes each.
 */
async function measurePair(first: () => Promise<unknown>, second: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) {
    await first()
    await second()
  }
  const firstSamples: number[] = []
  const secondSamples: number[] = []
  for (let i = 0; i < ITERATIONS; i++) {
    for (const [fn, samples] of [
      [first, firstSamples],
      [second, secondSamples],
    ] as const) {
      const started = performance.now()
      await fn()
      samples.push(performance.now() - started)
    }
  }
  return [summary(firstSamples), summary(secondSamples)] as const
}

async function main() {
  let studio: StudioProcess | undefined
  const pool = new Pool({ connectionString: postgresUrlFor(userDatabase), max: 2 })
  try {
    await admin(`DROP DATABASE IF EXISTS ${platformDatabase} WITH (FORCE)`)
    await admin(`CREATE DATABASE ${platformDatabase}`)
    let tableCount = REUSE ? await existingTableCount() : -1
    if (tableCount < 0 || tableCount > POINTS[0]) {
      await admin(`DROP DATABASE IF EXISTS ${userDatabase} WITH (FORCE)`)
      await admin(`CREATE DATABASE ${userDatabase}`)
      tableCount = 0
    }

    studio = await startStudio({
      NEXT_PUBLIC_IS_PLATFORM: 'true',
      DATABASE_URL: postgresUrlFor(platformDatabase),
      GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
      ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
    })
    const token = await mintToken({ sub: randomUUID() })
    const slug = `bench-${randomUUID().slice(0, 8)}`
    const org = await json(`${studio.url}/api/platform/organizations`, token, 'POST', { name: slug, slug })
    const ref = `p-${randomUUID().replace(/-/g, '').slice(0, 12)}`
    await json(`${studio.url}/api/platform/projects`, token, 'POST', { organizationId: org.body.id, name: ref, ref })
    const endpoint = postgresEndpoint()
    await json(`${studio.url}/api/platform/postgres/${ref}/connections`, token, 'POST', {
      identifier: 'bench',
      host: endpoint.host,
      port: endpoint.port,
      ...(endpoint.username ? { username: endpoint.username } : {}),
      ...(endpoint.password ? { password: endpoint.password } : {}),
      options: { database: userDatabase },
    })

    const listQuery = { included_schemas: [], excluded_schemas: [], include_system_schemas: false }
    console.log(`\nGET tables, API and raw query alternating, ${ITERATIONS} runs each after ${WARMUP} warm-up runs`)
    console.log('ms: median (min–max)')
    console.log('tables  case                   encoding  API                   raw query             ratio  body')
    for (const point of POINTS) {
      if (tableCount < point) {
        const created = performance.now()
        await createTables(tableCount + 1, point)
        await admin('ANALYZE', userDatabase)
        console.log(`(created tables ${tableCount + 1}..${point} in ${((performance.now() - created) / 1000).toFixed(1)} s)`)
        tableCount = point
      }
      for (const includeColumns of [false, true]) {
        for (const encoding of ENCODINGS) {
          const url = `${studio.url}/api/platform/pg-meta/${ref}/tables?include_columns=${includeColumns}`
          const first = await json(url, token, 'GET', undefined, encoding)
          if (first.body.length !== point) throw new Error(`expected ${point} tables, got ${first.body.length}`)
          const sql = includeColumns ? TABLES_WITH_COLUMNS_SQL : TABLES_SQL
          const values = tablesQueryValues({ ...listQuery, include_columns: includeColumns })
          const [api, raw] = await measurePair(
            // Both sides end with the JSON text in hand (the raw query returns it as one string);
            // parsing it is the client's work, checked once above, not timed.
            () => text(url, token, encoding),
            // The same statements the route runs (READ ONLY transaction, its planner settings), on a raw pool.
            async () => {
              const client = await pool.connect()
              try {
                return await runCatalogJsonQuery(client, sql, values)
              } finally {
                client.release()
              }
            }
          )
          console.log(
            `${String(point).padStart(6)}  ${`include_columns=${includeColumns}`.padEnd(21)}  ${first.encoding.padEnd(8)}  ${spread(api).padEnd(20)}  ${spread(
              raw
            ).padEnd(20)}  ${(api.median / raw.median).toFixed(2).padStart(5)}  ${(first.bytes / 1024 / 1024).toFixed(2)} MB`
          )
        }
      }
    }
  } finally {
    await pool.end()
    if (studio) await studio.stop()
    if (!REUSE) await admin(`DROP DATABASE IF EXISTS ${userDatabase} WITH (FORCE)`)
    await admin(`DROP DATABASE IF EXISTS ${platformDatabase} WITH (FORCE)`)
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
