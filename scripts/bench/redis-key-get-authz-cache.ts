/**
 * Issue 12: what the per-instance access cache saves on the hot path. `GET keys/[key]` of a small
 * string at concurrency 32 on a Studio with the cache (default AUTHZ_CACHE_TTL_MS) and on one with it
 * off (AUTHZ_CACHE_TTL_MS=0: one platform query per request), against a bare node:http handler doing
 * the same ioredis GET. Uses Redis database 4 (one key). Run once, after `pnpm exec next build`:
 *   scripts/bench/run.sh redis-key-get-authz-cache
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import Redis from 'ioredis'

import { redisUrlFor, startBenchStudio } from './lib/bench-studio'
import { measureThroughput } from './lib/load'
import { listenerPid, processCpuMs } from './lib/process-cpu'

const DB = 4
const KEY = 'bench:authz-cache'
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
  const cached = await startBenchStudio(DB)
  const uncached = await startBenchStudio(DB, { AUTHZ_CACHE_TTL_MS: '0' })
  const bare = await startBareServer()
  try {
    const keyUrl = (studio: typeof cached) => `${studio.url}/api/platform/redis/${studio.ref}/keys/${encodeURIComponent(KEY)}`
    const targets: Array<{ label: string; url: string; headers: Record<string, string>; pid: number }> = [
      { label: 'bare node:http + ioredis GET', url: bare.url, headers: {}, pid: bare.pid },
      { label: 'API, access cache on', url: keyUrl(cached), headers: { authorization: `Bearer ${cached.token}` }, pid: listenerPid(Number(new URL(cached.url).port)) },
      { label: 'API, access cache off', url: keyUrl(uncached), headers: { authorization: `Bearer ${uncached.token}` }, pid: listenerPid(Number(new URL(uncached.url).port)) },
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
    for (const [index, target] of targets.entries()) {
      console.log(
        `${target.label.padEnd(32)} ${rates[index].map((rate) => rate.toFixed(0).padStart(6)).join(' ')} req/s   ` +
          `server CPU ${Math.min(...cpu[index]).toFixed(0)} µs/request`
      )
    }
    console.log(`cache on / bare:  ${((best(rates[1]) / best(rates[0])) * 100).toFixed(1)} %`)
    console.log(`cache off / bare: ${((best(rates[2]) / best(rates[0])) * 100).toFixed(1)} %`)
  } finally {
    bare.stop()
    await Promise.all([cached.stop(), uncached.stop()])
    await redis.del(KEY)
    redis.disconnect()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
