/**
 * Benchmark 2 of issue 3: `GET /api/platform/redis/[ref]/keys/[key]` for a small string at
 * concurrency 32 against a bare node:http handler doing the same ioredis GET. Goal: API ≥ 60 % of the
 * bare handler's throughput. Uses Redis database 4 (one key, `bench:small`). Run from anywhere after
 * `pnpm exec next build` in apps/studio:  scripts/bench/run.sh redis-key-get
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import Redis from 'ioredis'

import { redisUrlFor, startBenchStudio } from './lib/bench-studio'
import { measureThroughput } from './lib/load'
import { listenerPid, processCpuMs } from './lib/process-cpu'

const DB = 4
const KEY = 'bench:small'
const CONCURRENCY = 32
const WARMUP = 2_000
const REQUESTS = 10_000
const ROUNDS = 3

async function startBareServer(): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lib/bare-redis-get-server.ts'), redisUrlFor(DB)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  })
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk) => resolve(String(chunk).trim()))
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}/?key=${encodeURIComponent(KEY)}`, pid: child.pid as number, stop: () => child.kill('SIGTERM') }
}

async function main() {
  const redis = new Redis(redisUrlFor(DB))
  await redis.set(KEY, 'a small value of about forty bytes......')
  const studio = await startBenchStudio(DB)
  const bare = await startBareServer()
  try {
    const apiUrl = `${studio.url}/api/platform/redis/${studio.ref}/keys/${encodeURIComponent(KEY)}`
    const healthUrl = `${studio.url}/api/health`
    const auth = { authorization: `Bearer ${studio.token}` }
    const studioPid = listenerPid(Number(new URL(studio.url).port))
    const targets = [
      { label: 'bare node:http + ioredis GET', url: bare.url, headers: {}, pid: bare.pid },
      { label: 'API GET keys/[key]', url: apiUrl, headers: auth, pid: studioPid },
      // Next's own floor: a route with no auth, no platform query and no Redis call.
      { label: 'Studio GET /api/health (floor)', url: healthUrl, headers: {}, pid: studioPid },
    ]
    for (const target of targets) await measureThroughput(target.url, target.headers, CONCURRENCY, WARMUP)
    const rates = targets.map(() => [] as number[])
    const cpu = targets.map(() => [] as number[])
    // Alternating rounds so load from elsewhere on the machine hits every side alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, target] of targets.entries()) {
        const before = processCpuMs(target.pid)
        rates[index].push(await measureThroughput(target.url, target.headers, CONCURRENCY, REQUESTS))
        cpu[index].push(((processCpuMs(target.pid) - before) * 1000) / REQUESTS)
      }
    }
    const best = (values: number[]) => Math.max(...values)
    const least = (values: number[]) => Math.min(...values)
    for (const [index, target] of targets.entries()) {
      console.log(
        `${target.label.padEnd(32)} ${rates[index].map((rate) => rate.toFixed(0).padStart(6)).join(' ')} req/s   ` +
          `server CPU ${least(cpu[index]).toFixed(0)} µs/request`
      )
    }
    const ratio = best(rates[1]) / best(rates[0])
    console.log(`API throughput / bare (best rounds, concurrency ${CONCURRENCY}): ${(ratio * 100).toFixed(1)} % (goal >= 60 %) ${ratio >= 0.6 ? 'MET' : 'MISSED'}`)
    console.log(`Next floor (/api/health) / bare: ${((best(rates[2]) / best(rates[0])) * 100).toFixed(1)} %`)
  } finally {
    bare.stop()
    await studio.stop()
    await redis.del(KEY)
    redis.disconnect()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
