/**
 * Postgres → Postgres sync vs `pg_dump --data-only -t … | psql` between the same two databases, in
 * the same run (goal: sync rows/s ≥ 1.2× theirs), and the sync with checkpoints every 5,000 rows vs
 * one checkpoint per 50,000 (checkpointing overhead, goal ≤ 10 %).
 * Run from apps/studio after `pnpm exec next build`:
 *   node --import tsx ../../scripts/bench/sync-pg.ts
 * It starts its own Studio on a fresh platform database and creates (and drops) three scratch
 * databases on the test Postgres. BENCH_ROWS (default 1,000,000) sets the table size.
 */
import { execSync } from 'node:child_process'

import { Client } from 'pg'

import { createScratchDatabase } from '../../apps/studio/tests/helpers/own-servers'
import { postgresEndpoint } from '../../apps/studio/tests/helpers/services'
import { TEST_JWT_SECRET, mintToken } from '../../apps/studio/tests/helpers/tokens'
import { startStudio } from '../../apps/studio/tests/setup/studio-process'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const TABLE_SQL = 'CREATE TABLE items (id bigint PRIMARY KEY, name text, qty int, price numeric(12,2), created timestamptz, doc jsonb)'

async function main() {
  const platform = await createScratchDatabase('multibase_bench_sync')
  const source = await createScratchDatabase('multibase_bench_sync')
  const targets = [await createScratchDatabase('multibase_bench_sync'), await createScratchDatabase('multibase_bench_sync')]
  const studio = await startStudio({
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: platform.url,
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 3).toString('base64')}`,
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
  })
  try {
    const src = new Client({ connectionString: source.url })
    await src.connect()
    await src.query(TABLE_SQL)
    await src.query(
      `INSERT INTO items SELECT g, 'item ' || g, g % 1000, g * 0.01, now() - g * interval '1 second',
              jsonb_build_object('id', g, 'tags', jsonb_build_array('a', 'b'), 'nested', jsonb_build_object('x', g % 7))
         FROM generate_series(1, $1) g`,
      [ROWS]
    )
    await src.query('ANALYZE items')
    for (const target of targets) {
      const client = new Client({ connectionString: target.url })
      await client.connect()
      await client.query(TABLE_SQL)
      await client.end()
    }
    const token = await mintToken()
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${studio.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
      return response.json()
    }
    const org = await call('POST', '/api/platform/organizations', { name: 'bench', slug: `bench-${Date.now()}` })
    const ref = `bench-${Date.now()}`
    await call('POST', '/api/platform/projects', { organizationId: org.id, name: ref, ref })
    const pg = postgresEndpoint()
    const connect = async (url: string, identifier: string) =>
      (await call('POST', `/api/platform/postgres/${ref}/connections`, { identifier, host: pg.host, port: pg.port, options: { database: new URL(url).pathname.slice(1) } })).id as string
    const sourceId = await connect(source.url, 'source')
    const targetIds = [await connect(targets[0].url, 'target-a'), await connect(targets[1].url, 'target-b')]

    const runSync = async (targetId: string, batchSize: number) => {
      const job = await call('POST', `/api/platform/sync/${ref}/jobs`, {
        name: `bench ${batchSize}`,
        direction: 'postgres->postgres',
        sourceConnectionId: sourceId,
        targetConnectionId: targetId,
        scope: { tables: [{ schema: 'public', name: 'items' }] },
        batchSize,
      })
      const started = performance.now()
      await call('POST', `/api/platform/sync/${ref}/jobs/${job.id}/start`)
      for (;;) {
        const status = await call('GET', `/api/platform/sync/${ref}/jobs/${job.id}`)
        if (status.state === 'completed') break
        if (status.state === 'failed') throw new Error(status.error)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return (performance.now() - started) / 1000
    }
    const truncate = async (url: string) => {
      const client = new Client({ connectionString: url })
      await client.connect()
      await client.query('TRUNCATE items')
      await client.end()
    }

    const ours = await runSync(targetIds[0], 5000)
    const fewCheckpoints = await runSync(targetIds[1], 50_000)
    await truncate(targets[1].url)
    const dumpStarted = performance.now()
    execSync(`pg_dump --data-only -t public.items "${source.url}" | psql -q -v ON_ERROR_STOP=1 "${targets[1].url}"`, { stdio: ['ignore', 'ignore', 'inherit'], shell: '/bin/bash' })
    const theirs = (performance.now() - dumpStarted) / 1000

    const rate = (seconds: number) => Math.round(ROWS / seconds)
    console.log(`rows: ${ROWS}`)
    console.log(`sync (checkpoint every 5,000 rows): ${ours.toFixed(2)} s, ${rate(ours)} rows/s`)
    console.log(`sync (checkpoint every 50,000 rows): ${fewCheckpoints.toFixed(2)} s, ${rate(fewCheckpoints)} rows/s`)
    console.log(`pg_dump --data-only | psql: ${theirs.toFixed(2)} s, ${rate(theirs)} rows/s`)
    console.log(`ratio sync / pg_dump|psql: ${(theirs / ours).toFixed(2)}× (goal ≥ 1.2×)`)
    console.log(`checkpointing overhead: ${(((ours - fewCheckpoints) / fewCheckpoints) * 100).toFixed(1)} % (goal ≤ 10 %)`)
    await src.end()
  } finally {
    await studio.stop()
    for (const db of [source, ...targets, platform]) await db.drop()
  }
}

void main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
