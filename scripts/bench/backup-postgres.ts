/**
 * A Postgres backup and restore through the Studio vs raw `pg_dump -Fc` / `pg_restore` on the same
 * server, measured in the same run (goal: Studio throughput ≥ 0.95× raw, i.e. time ≤ 1.05×).
 * Run from apps/studio after `pnpm exec next build`:
 *   node --import tsx ../../scripts/bench/backup-postgres.ts
 * It starts its own Studio (platform mode, a fresh platform database, BACKUP_DIR in a temp folder)
 * and creates `mbtest_pg_bench_backup_*` databases (BENCH_ROWS rows, default 1,000,000), dropped at the end.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes, randomUUID } from 'node:crypto'

import { adminQuery, postgresEndpoint, postgresUrlFor } from '../../apps/studio/tests/helpers/services'
import { TEST_JWT_SECRET, mintToken } from '../../apps/studio/tests/helpers/tokens'
import { startStudio } from '../../apps/studio/tests/setup/studio-process'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const run = randomUUID().replace(/-/g, '').slice(0, 8)
const SOURCE = `mbtest_pg_bench_backup_src_${run}`
const TARGETS = { raw: `mbtest_pg_bench_backup_raw_${run}`, api: `mbtest_pg_bench_backup_api_${run}` }

const pg = postgresEndpoint()
const pgArgs = [`--host=${pg.host}`, `--port=${pg.port}`, `--username=${pg.username ?? 'postgres'}`]
const pgEnv = { ...process.env, PGPASSWORD: pg.password ?? '' }

async function main() {
  const platformDb = `multibase_bench_${run}`
  const backupDir = mkdtempSync(path.join(tmpdir(), 'mb-bench-backups-'))
  const rawFile = path.join(backupDir, 'raw.dump')
  await adminQuery(`CREATE DATABASE ${platformDb}`)
  for (const db of [SOURCE, TARGETS.raw, TARGETS.api]) await adminQuery(`CREATE DATABASE ${db}`)
  execFileSync('psql', [...pgArgs, SOURCE, '-qc', `CREATE TABLE t AS SELECT g AS id, md5(g::text) AS name, g * 1.5 AS amount, now() AS at FROM generate_series(1, ${ROWS}) g`], { env: pgEnv })
  const studio = await startStudio({
    NEXT_PUBLIC_IS_PLATFORM: 'true',
    DATABASE_URL: postgresUrlFor(platformDb),
    GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
    BACKUP_DIR: backupDir,
  })
  try {
    const token = await mintToken()
    const call = async (method: string, url: string, body?: unknown) => {
      const response = await fetch(`${studio.url}${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
      return { status: response.status, body: (await response.json()) as any }
    }
    const waitJob = async (ref: string, jobId: string) => {
      for (;;) {
        const job = await call('GET', `/api/platform/projects/${ref}/jobs/${jobId}`)
        if (job.body.result) return job.body
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    const org = await call('POST', '/api/platform/organizations', { name: 'bench', slug: `bench-${run}` })
    const ref = `bench-${run}`
    await call('POST', '/api/platform/projects', { organizationId: org.body.id, name: ref, ref })
    const connection = async (database: string) =>
      (await call('POST', `/api/platform/postgres/${ref}/connections`, { identifier: database, host: pg.host, port: pg.port, username: pg.username ?? 'postgres', options: { database } })).body.id
    const source = await connection(SOURCE)
    const target = await connection(TARGETS.api)

    let started = performance.now()
    execFileSync('pg_dump', [...pgArgs, '--format=custom', `--file=${rawFile}`, SOURCE], { env: pgEnv })
    const rawDump = performance.now() - started
    started = performance.now()
    const backup = await call('POST', `/api/platform/backups/${ref}`, { engine: 'postgres', connectionId: source })
    const backupJob = await waitJob(ref, backup.body.jobId)
    const apiDump = performance.now() - started

    started = performance.now()
    execFileSync('pg_restore', [...pgArgs, `--dbname=${TARGETS.raw}`, rawFile], { env: pgEnv })
    const rawRestore = performance.now() - started
    started = performance.now()
    const restore = await call('POST', `/api/platform/backups/${ref}/${backup.body.backupId}/restore`, { connectionId: target, dryRun: false })
    const restoreJob = await waitJob(ref, restore.body.jobId)
    const apiRestore = performance.now() - started

    console.log(`rows ${ROWS.toLocaleString('en-US')}, dump ${(statSync(rawFile).size / 1e6).toFixed(1)} MB`)
    console.log(`backup:  raw pg_dump -Fc ${rawDump.toFixed(0)} ms, Studio ${apiDump.toFixed(0)} ms (${backupJob.state}), throughput ${(rawDump / apiDump).toFixed(2)}× raw (goal ≥ 0.95×)`)
    console.log(`restore: raw pg_restore ${rawRestore.toFixed(0)} ms, Studio ${apiRestore.toFixed(0)} ms (${restoreJob.state}; includes the sha256 re-read), throughput ${(rawRestore / apiRestore).toFixed(2)}× raw (goal ≥ 0.95×)`)
  } finally {
    await studio.stop()
    rmSync(backupDir, { recursive: true, force: true })
    for (const db of [SOURCE, TARGETS.raw, TARGETS.api, platformDb]) await adminQuery(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
