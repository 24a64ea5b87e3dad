/**
 * Issue 12, the access cache under churn: the p99 latency of `GET keys/[key]` (small string,
 * concurrency 32, platform mode) while 100 membership changes a second — other users added to and
 * removed from the same project, written straight to the platform database as another instance or
 * an admin script would — flow through the change feed, against the p99 without them. Quiet and
 * churning runs alternate; the ratio is taken per pair, then median (min–max). Goal: ≤ 2×.
 * Uses Redis database 4 (one key). Run once, after `pnpm exec next build`:
 *   bash scripts/bench/run.sh redis-key-get-authz-cache
 */
import { randomUUID } from 'node:crypto'

import Redis from 'ioredis'
import { Client } from 'pg'

import { authHeaders, percentile, redisUrlFor, startBenchStudio } from './lib/bench-studio'
import { measureLatencies, measureThroughput, spread } from './lib/load'

const DB = 4
const KEY = 'bench:authz-churn'
const CONCURRENCY = 32
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const CHANGES_PER_SECOND = 100

/** Adds and removes other members of the project, one statement every 10 ms, until stopped. */
function startChurn(platform: Client, projectId: string): { stop: () => Promise<number> } {
  const others = Array.from({ length: 20 }, () => randomUUID())
  let changes = 0
  let running = true
  const loop = (async () => {
    const interval = 1000 / CHANGES_PER_SECOND
    let next = performance.now()
    while (running) {
      const user = others[changes % others.length]
      // Each user alternates: added on one pass over the list, removed on the next.
      if (Math.floor(changes / others.length) % 2 === 0) {
        await platform.query(`INSERT INTO platform.members (project_id, user_id, role) VALUES ($1, $2, 'developer') ON CONFLICT DO NOTHING`, [projectId, user])
      } else {
        await platform.query('DELETE FROM platform.members WHERE project_id = $1 AND user_id = $2', [projectId, user])
      }
      changes++
      next += interval
      const wait = next - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return changes
    },
  }
}

async function main() {
  const redis = new Redis(redisUrlFor(DB))
  await redis.set(KEY, 'a small value of about forty bytes......')
  const studio = await startBenchStudio(DB)
  const platform = new Client({ connectionString: studio.platformDatabaseUrl })
  await platform.connect()
  try {
    const { rows } = await platform.query<{ id: string }>('SELECT id FROM platform.projects WHERE ref = $1', [studio.ref])
    const url = `${studio.url}/api/platform/redis/${studio.ref}/keys/${encodeURIComponent(KEY)}`
    await measureThroughput(url, authHeaders(studio), CONCURRENCY, 2_000)
    const quiet: number[] = []
    const churning: number[] = []
    const rates: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      quiet.push(percentile((await measureLatencies(url, authHeaders(studio), CONCURRENCY, REQUESTS)).latencies, 99))
      const churn = startChurn(platform, rows[0].id)
      const started = performance.now()
      const run = await measureLatencies(url, authHeaders(studio), CONCURRENCY, REQUESTS)
      const seconds = (performance.now() - started) / 1000
      const changes = await churn.stop()
      churning.push(percentile(run.latencies, 99))
      rates.push(changes / seconds)
    }
    const ratios = churning.map((p99, round) => p99 / quiet[round])
    const ms = (value: number) => `${value.toFixed(1)} ms`
    console.log(`${ROUNDS} alternating pairs of ${REQUESTS} requests at concurrency ${CONCURRENCY}; median (min–max)`)
    console.log(`p99 without membership changes:  ${spread(quiet, ms)}`)
    console.log(`p99 with membership changes:     ${spread(churning, ms)} at ${spread(rates, (rate) => rate.toFixed(0))} changes/s`)
    const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]
    console.log(`p99 ratio (per pair):            ${spread(ratios, (value) => value.toFixed(2) + '×')} (goal <= 2×) ${median <= 2 ? 'MET' : 'MISSED'}`)
  } finally {
    await platform.end()
    await studio.stop()
    await redis.del(KEY)
    redis.disconnect()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
