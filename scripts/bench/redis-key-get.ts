/**
 * Issue 12, the per-request path: `GET /api/platform/redis/[ref]/keys/[key]` of a small string at
 * concurrency 32 — platform mode (real Postgres platform DB, token auth, access cache warm), the
 * same with the `type=string` hint, and self-hosted mode (embedded platform DB) — against a bare
 * node:http + ioredis GET handler; and `/api/health` against the bare handler returning the same
 * JSON. Every target is measured once per round, rounds interleaved so load from elsewhere on the
 * machine hits every side alike; each ratio is taken within a round, then median (min–max) over the
 * rounds. Goals: platform ≥ 60 %, self-hosted ≥ 40 %, health ≥ 85 % of the bare handler.
 * Uses Redis database 4 (one key). Run after `pnpm exec next build` in apps/studio:
 *   bash scripts/bench/run.sh redis-key-get        (BENCH_ROUNDS, BENCH_REQUESTS to change the size)
 */
import Redis from 'ioredis'

import { authHeaders, redisUrlFor, startBenchStudio, startSelfHostedBenchStudio } from './lib/bench-studio'
import { startBareServer } from './lib/bare-server'
import { measureThroughput, spread } from './lib/load'
import { listenerPid, processCpuMs } from './lib/process-cpu'

const DB = 4
const KEY = 'bench:small'
const CONCURRENCY = 32
const WARMUP = 2_000
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)

interface Target {
  label: string
  url: string
  headers: Record<string, string>
  pid: number
}

async function main() {
  const redis = new Redis(redisUrlFor(DB))
  await redis.set(KEY, 'a small value of about forty bytes......')
  // Started one by one so a failed start still stops (and drops the database of) what is running.
  const started: Array<{ stop: () => unknown }> = []
  try {
    const platform = await startBenchStudio(DB)
    started.push(platform)
    const selfHosted = await startSelfHostedBenchStudio(DB)
    started.push(selfHosted)
    const bare = await startBareServer(redisUrlFor(DB))
    started.push(bare)
    const keyUrl = (studio: typeof platform) => `${studio.url}/api/platform/redis/${studio.ref}/keys/${encodeURIComponent(KEY)}`
    const pidOf = (url: string) => listenerPid(Number(new URL(url).port))
    const targets: Target[] = [
      { label: 'bare node:http + ioredis GET', url: `${bare.url}/?key=${encodeURIComponent(KEY)}`, headers: {}, pid: bare.pid },
      { label: 'API keys/[key], platform', url: keyUrl(platform), headers: authHeaders(platform), pid: pidOf(platform.url) },
      { label: 'API keys/[key]?type=string, platform', url: `${keyUrl(platform)}?type=string`, headers: authHeaders(platform), pid: pidOf(platform.url) },
      { label: 'API keys/[key], self-hosted', url: keyUrl(selfHosted), headers: {}, pid: pidOf(selfHosted.url) },
      { label: 'bare node:http health JSON', url: `${bare.url}/api/health`, headers: {}, pid: bare.pid },
      { label: 'Studio /api/health, platform', url: `${platform.url}/api/health`, headers: {}, pid: pidOf(platform.url) },
    ]
    for (const target of targets) await measureThroughput(target.url, target.headers, CONCURRENCY, WARMUP)
    const rates = targets.map(() => [] as number[])
    const cpu = targets.map(() => [] as number[])
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, target] of targets.entries()) {
        const before = processCpuMs(target.pid)
        rates[index].push(await measureThroughput(target.url, target.headers, CONCURRENCY, REQUESTS))
        cpu[index].push(((processCpuMs(target.pid) - before) * 1000) / REQUESTS)
      }
    }
    console.log(`${ROUNDS} interleaved rounds of ${REQUESTS} requests at concurrency ${CONCURRENCY}; median (min–max)`)
    for (const [index, target] of targets.entries()) {
      console.log(
        `${target.label.padEnd(38)} ${spread(rates[index], (rate) => rate.toFixed(0)).padEnd(24)} req/s   ` +
          `server CPU ${spread(cpu[index], (us) => us.toFixed(0))} µs/request`
      )
    }
    const ratio = (api: number, base: number, goal: number | undefined, label: string) => {
      const perRound = rates[api].map((rate, round) => rate / rates[base][round])
      const median = [...perRound].sort((a, b) => a - b)[Math.floor(perRound.length / 2)]
      const verdict = goal === undefined ? '' : ` (goal >= ${goal * 100} %) ${median >= goal ? 'MET' : 'MISSED'}`
      console.log(`${label.padEnd(40)} ${spread(perRound, (value) => (value * 100).toFixed(1) + ' %')}${verdict}`)
    }
    ratio(1, 0, 0.6, 'platform / bare')
    ratio(2, 0, undefined, 'platform type=string / bare')
    ratio(3, 0, 0.4, 'self-hosted / bare')
    ratio(5, 4, 0.85, '/api/health / bare health')
  } finally {
    await Promise.all(started.map((server) => server.stop()))
    await redis.del(KEY)
    redis.disconnect()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
