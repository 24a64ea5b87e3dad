/**
 * Issue 12's measuring step: a CPU profile (`node --cpu-prof`) of the Studio while it serves the
 * small-string `GET keys/[key]` at concurrency 32 (then `/api/health`), and a self-time summary by
 * origin (node internals, each package, the app's files) and by function. BENCH_MODE=self-hosted
 * profiles the self-hosted Studio (embedded platform database) instead of platform mode.
 * Uses Redis database 4 (one key). Run once, after `pnpm exec next build`:
 *   bash scripts/bench/run.sh profile-request-path
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import Redis from 'ioredis'

import { printProfileSummary, summarizeCpuProfile } from './lib/cpu-profile-summary'
import { authHeaders, redisUrlFor, startBenchStudio, startSelfHostedBenchStudio } from './lib/bench-studio'
import { measureThroughput } from './lib/load'

const DB = 4
const KEY = 'bench:profile'
const CONCURRENCY = 32
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000)

async function main() {
  const selfHosted = process.env.BENCH_MODE === 'self-hosted'
  const profileDir = mkdtempSync(path.join(tmpdir(), 'multibase-cpu-prof-'))
  const redis = new Redis(redisUrlFor(DB))
  await redis.set(KEY, 'a small value of about forty bytes......')
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]
  const studio = selfHosted ? await startSelfHostedBenchStudio(DB, {}, nodeArgs) : await startBenchStudio(DB, {}, nodeArgs)
  const keyUrl = `${studio.url}/api/platform/redis/${studio.ref}/keys/${encodeURIComponent(KEY)}`
  try {
    await measureThroughput(keyUrl, authHeaders(studio), CONCURRENCY, 2_000)
    const rate = await measureThroughput(keyUrl, authHeaders(studio), CONCURRENCY, REQUESTS)
    const type = await measureThroughput(`${keyUrl}?type=string`, authHeaders(studio), CONCURRENCY, REQUESTS).catch(() => NaN)
    const health = await measureThroughput(`${studio.url}/api/health`, {}, CONCURRENCY, REQUESTS)
    console.log(`${selfHosted ? 'self-hosted' : 'platform'} mode, under the profiler: keys/[key] ${rate.toFixed(0)} req/s, ` +
      `keys/[key]?type=string ${type.toFixed(0)} req/s, /api/health ${health.toFixed(0)} req/s`)
  } finally {
    await studio.stop()
    await redis.del(KEY)
    redis.disconnect()
  }
  const files = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'))
  for (const file of files) printProfileSummary(file, summarizeCpuProfile(path.join(profileDir, file), 30))
  if (process.env.BENCH_KEEP_PROFILE) console.log(`profiles kept in ${profileDir}`)
  else rmSync(profileDir, { recursive: true, force: true })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
