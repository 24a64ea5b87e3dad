/**
 * The audit log at scale: 1M rows of one project in the platform database, then (1) a filtered first
 * page (engine + status class + kind) and a deep page through the cursor, (2) the whole CSV export
 * streamed: time to first byte, total time, rows/s, and the Studio's peak RSS while it streams (the
 * export walks keyset pages, so RSS should not grow with the table). Run from apps/studio after
 * `pnpm exec next build`:
 *   bash ../../scripts/bench/run.sh audit-export
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

import { Client } from 'pg'

import { median, startBenchStudio } from './lib/bench-studio'

const ROWS = 1_000_000

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : NaN
}

/** The pid of the process listening on 127.0.0.1:`port` (the bench harness does not expose it). */
function listenerPid(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  const inode = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((cols) => cols[1] === `0100007F:${hexPort}` && cols[3] === '0A')?.[9]
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readdirSync(`/proc/${pid}/fd`).some((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`)) return Number(pid)
    } catch {
      // another user's process
    }
  }
  throw new Error('Studio pid not found')
}

async function main() {
  const studio = await startBenchStudio(5)
  const db = new Client({ connectionString: studio.platformDatabaseUrl })
  await db.connect()
  try {
    let started = performance.now()
    await db.query(
      `INSERT INTO platform.audit_log (request_id, project_id, action, status, kind, route, engine, code, user_email, ip, created_at)
       SELECT 'bench-' || n, p.id,
              CASE n % 3 WHEN 0 THEN 'POST /api/platform/redis/[ref]/keys/[key]' WHEN 1 THEN 'GET /api/platform/mongodb/[ref]/databases' ELSE 'POST /api/platform/pg-meta/[ref]/query' END,
              CASE WHEN n % 10 = 0 THEN 403 ELSE 201 END,
              CASE WHEN n % 10 = 0 THEN 'security' ELSE 'data' END,
              '/api/platform/redis/[ref]/keys/[key]',
              (ARRAY['redis','mongodb','postgres'])[n % 3 + 1],
              CASE WHEN n % 10 = 0 THEN 'FORBIDDEN' END,
              'user' || (n % 50) || '@example.com', '127.0.0.1',
              now() - n * interval '10 ms'
         FROM platform.projects p, generate_series(1, $2) n WHERE p.ref = $1`,
      [studio.ref, ROWS]
    )
    await db.query('ANALYZE platform.audit_log')
    console.log(`loaded ${ROWS} audit rows in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    const get = (query: string) =>
      fetch(`${studio.url}/api/platform/projects/${studio.ref}/audit?${query}`, { headers: { authorization: `Bearer ${studio.token}` } })
    const times: number[] = []
    let cursor = ''
    for (let i = 0; i < 30; i++) {
      started = performance.now()
      const body = (await (await get(`engine=redis&status=4xx&kind=security&limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
        items: unknown[]
        nextCursor: string
      }
      times.push(performance.now() - started)
      cursor = body.nextCursor
    }
    console.log(`filtered page (engine=redis&status=4xx&kind=security, 100 rows), 30 pages deep: median ${median(times).toFixed(1)} ms`)

    const pid = listenerPid(Number(new URL(studio.url).port))
    const rssBefore = rssMb(pid)
    let peak = rssBefore
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50)
    started = performance.now()
    const response = await fetch(`${studio.url}/api/platform/projects/${studio.ref}/audit/export?format=csv`, {
      headers: { authorization: `Bearer ${studio.token}` },
    })
    const reader = response.body!.getReader()
    let firstByte = 0
    let bytes = 0
    let lines = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!firstByte) firstByte = performance.now() - started
      bytes += value.length
      for (const byte of value) if (byte === 10) lines++
    }
    const total = (performance.now() - started) / 1000
    clearInterval(sampler)
    console.log(
      `CSV export of ${lines - 1} rows: first byte ${firstByte.toFixed(0)} ms, total ${total.toFixed(1)} s, ` +
        `${Math.round((lines - 1) / total)} rows/s, ${(bytes / 1048576).toFixed(0)} MiB; Studio RSS ${rssBefore.toFixed(0)} → peak ${peak.toFixed(0)} MiB`
    )
  } finally {
    await db.end()
    await studio.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
