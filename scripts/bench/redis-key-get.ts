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

const DB = 4
const KEY = 'bench:small'
const CONCURRENCY = 32
const WARMUP = 2_000
const REQUESTS = 10_000
const ROUNDS = 3

async function startBareServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lib/bare-redis-get-server.ts'), redisUrlFor(DB)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  })
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk) => resolve(String(chunk).trim()))
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}/?key=${encodeURIComponent(KEY)}`, stop: () => child.kill('SIGTERM') }
}

async function main() {
  const redis = new Redis(redisUrlFor(DB))
  await redis.set(KEY, 'a small value of about forty bytes......')
  const studio = await startBenchStudio(DB)
  const bare = await startBareServer()
  try {
    const apiUrl = `${studio.url}/api/platform/redis/${studio.ref}/keys/${encodeURIComponent(KEY)}`
    const auth = { authorization: `Bearer ${studio.token}` }
    await measureThroughput(bare.url, {}, CONCURRENCY, WARMUP)
    await measureThroughput(apiUrl, auth, CONCURRENCY, WARMUP)
    const bareRates: number[] = []
    const apiRates: number[] = []
    // Alternating rounds so load from elsewhere on the machine hits both sides alike.
    for (let round = 0; round < ROUNDS; round++) {
      bareRates.push(await measureThroughput(bare.url, {}, CONCURRENCY, REQUESTS))
      apiRates.push(await measureThroughput(apiUrl, auth, CONCURRENCY, REQUESTS))
    }
    const best = (rates: number[]) => Math.max(...rates)
    console.log(`bare node:http + ioredis GET: ${bareRates.map((rate) => rate.toFixed(0)).join(', ')} req/s`)
    console.log(`API GET keys/[key]:           ${apiRates.map((rate) => rate.toFixed(0)).join(', ')} req/s`)
    const ratio = best(apiRates) / best(bareRates)
    console.log(`API throughput / bare (best rounds, concurrency ${CONCURRENCY}): ${(ratio * 100).toFixed(1)} % (goal >= 60 %) ${ratio >= 0.6 ? 'MET' : 'MISSED'}`)
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
