/**
 * Benchmark 1 of issue 3: one 500-key page with type and TTL over a 1M-key Redis database, through
 * `GET /api/platform/redis/[ref]/keys` against the raw ioredis SCAN + TYPE/PTTL pipeline for the same
 * cursor. Goal: API ≤ 1.5× raw. Uses Redis database 4 (flushed and filled when it does not hold the
 * fixture). Run from apps/studio after `pnpm exec next build`:
 *   node --import tsx ../../scripts/bench/redis-keys-page.ts
 */
import Redis from 'ioredis'

import { median, percentile, redisUrlFor, startBenchStudio } from './lib/bench-studio'

const DB = 4
const KEYS = 1_000_000
const PAGE = 500
const ROUNDS = 300
const WARMUP = 30

async function ensureFixture(redis: Redis) {
  if ((await redis.dbsize()) === KEYS && (await redis.exists('bench:key:0'))) return
  await redis.flushdb()
  const started = performance.now()
  for (let start = 0; start < KEYS; start += 20_000) {
    const pipeline = redis.pipeline()
    for (let index = start; index < start + 20_000; index++) {
      if (index % 4 === 0) pipeline.set(`bench:key:${index}`, 'v', 'EX', 86_400)
      else pipeline.set(`bench:key:${index}`, 'v')
    }
    await pipeline.exec()
  }
  console.log(`loaded ${KEYS} keys in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

/** What a hand-written client does for one page: SCAN, then TYPE + PTTL of its keys in one pipeline. */
async function rawPage(redis: Redis, cursor: string) {
  const [next, keys] = await redis.scanBuffer(cursor, 'MATCH', '*', 'COUNT', PAGE)
  const pipeline = redis.pipeline()
  for (const key of keys) pipeline.type(key).pttl(key)
  const replies = await pipeline.exec()
  return { next: next.toString(), count: keys.length, replies: replies?.length ?? 0 }
}

async function main() {
  const redis = new Redis(redisUrlFor(DB))
  await ensureFixture(redis)
  const studio = await startBenchStudio(DB)
  try {
    // The same sequence of cursors for both sides.
    const cursors: string[] = []
    let cursor = '0'
    for (let index = 0; index < ROUNDS + WARMUP; index++) {
      cursors.push(cursor)
      cursor = (await rawPage(redis, cursor)).next
    }
    // fetch asks for gzip like a browser, and Next compresses the ~30 KB page; `identity` shows the
    // API without that compression cost.
    const apiPage = async (at: string, acceptEncoding: 'gzip, deflate, br' | 'identity') => {
      const response = await fetch(`${studio.url}/api/platform/redis/${studio.ref}/keys?count=${PAGE}&cursor=${at}`, {
        headers: { authorization: `Bearer ${studio.token}`, 'accept-encoding': acceptEncoding },
      })
      const body = (await response.json()) as { keys: unknown[] }
      if (!response.ok) throw new Error(JSON.stringify(body))
      return body.keys.length
    }
    const raw: number[] = []
    const api: number[] = []
    const apiIdentity: number[] = []
    let apiKeys = 0
    let rawKeys = 0
    for (let index = 0; index < cursors.length; index++) {
      // Alternate so drift on the shared machine affects both sides alike.
      let started = performance.now()
      const rawResult = await rawPage(redis, cursors[index])
      const rawMs = performance.now() - started
      started = performance.now()
      const apiCount = await apiPage(cursors[index], 'gzip, deflate, br')
      const apiMs = performance.now() - started
      started = performance.now()
      await apiPage(cursors[index], 'identity')
      const apiIdentityMs = performance.now() - started
      if (index >= WARMUP) {
        raw.push(rawMs)
        api.push(apiMs)
        apiIdentity.push(apiIdentityMs)
        rawKeys += rawResult.count
        apiKeys += apiCount
      }
    }
    const ratio = median(api) / median(raw)
    const identityRatio = median(apiIdentity) / median(raw)
    console.log(`keys per page: raw ${(rawKeys / ROUNDS).toFixed(0)}, API ${(apiKeys / ROUNDS).toFixed(0)} (database of ${await redis.dbsize()} keys)`)
    console.log(`raw ioredis SCAN + pipeline: median ${median(raw).toFixed(2)} ms, p95 ${percentile(raw, 95).toFixed(2)} ms`)
    console.log(`API GET keys (gzip):         median ${median(api).toFixed(2)} ms, p95 ${percentile(api, 95).toFixed(2)} ms`)
    console.log(`API GET keys (identity):     median ${median(apiIdentity).toFixed(2)} ms, p95 ${percentile(apiIdentity, 95).toFixed(2)} ms`)
    console.log(`ratio API/raw (median, gzip):     ${ratio.toFixed(2)}x (goal <= 1.5x) ${ratio <= 1.5 ? 'MET' : 'MISSED'}`)
    console.log(`ratio API/raw (median, identity): ${identityRatio.toFixed(2)}x (goal <= 1.5x) ${identityRatio <= 1.5 ? 'MET' : 'MISSED'}`)
  } finally {
    await studio.stop()
    redis.disconnect()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
