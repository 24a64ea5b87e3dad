/**
 * Issue 12, cost as work grows: one 500-key page with type and TTL, through
 * `GET /api/platform/redis/[ref]/keys`, over a database of 1M and then 10M keys, against the raw
 * ioredis SCAN + TYPE/PTTL pipeline for the same cursor. A page should cost the same at both sizes
 * (SCAN visits ~COUNT slots, never the whole keyspace). Goal: API ≤ 1.2× raw. Each size: 5 rounds
 * of 40 pages, raw and API alternating page by page; the ratio of medians per round, then median
 * (min–max). Uses Redis database 15 only (keys `bench:kp:*`, loaded once and grown from 1M to 10M,
 * about 1 GB of Redis memory; deleted with UNLINK at the end unless BENCH_KEEP_FIXTURE=1).
 * BENCH_POINTS=1000000 limits the sizes. Run after `pnpm exec next build` in apps/studio:
 *   bash scripts/bench/run.sh redis-keys-page
 */
import Redis from 'ioredis'

import { authHeaders, median, redisUrlFor, startBenchStudio } from './lib/bench-studio'
import { spread } from './lib/load'

const DB = 15
const PREFIX = 'bench:kp:'
const COUNTER = 'bench:kp-loaded'
const POINTS = (process.env.BENCH_POINTS ?? '1000000,10000000').split(',').map(Number)
const PAGE = 500
const ROUNDS = 5
const PAGES_PER_ROUND = 40
const WARMUP = 20

/** Grows the fixture to `keys` keys (a quarter with a TTL), counting what is loaded in COUNTER. */
async function growFixture(redis: Redis, keys: number) {
  let loaded = Number((await redis.get(COUNTER)) ?? 0)
  if (loaded >= keys) return
  const started = performance.now()
  const batch = 20_000
  while (loaded < keys) {
    const pipeline = redis.pipeline()
    const end = Math.min(keys, loaded + batch)
    for (let index = loaded; index < end; index++) {
      if (index % 4 === 0) pipeline.set(`${PREFIX}${index}`, 'v', 'EX', 86_400)
      else pipeline.set(`${PREFIX}${index}`, 'v')
    }
    pipeline.set(COUNTER, end)
    await pipeline.exec()
    loaded = end
  }
  console.log(`loaded keys up to ${keys.toLocaleString('en')} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

async function removeFixture(redis: Redis) {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 10_000)
    if (keys.length > 0) await redis.unlink(...keys)
    cursor = next
  } while (cursor !== '0')
  await redis.del(COUNTER)
}

/** What a hand-written client does for one page: SCAN, then TYPE + PTTL of its keys in one pipeline. */
async function rawPage(redis: Redis, cursor: string) {
  const [next, keys] = await redis.scanBuffer(cursor, 'MATCH', '*', 'COUNT', PAGE)
  const pipeline = redis.pipeline()
  for (const key of keys) pipeline.type(key).pttl(key)
  await pipeline.exec()
  return next.toString()
}

async function main() {
  const redis = new Redis(redisUrlFor(DB))
  const studio = await startBenchStudio(DB)
  const apiPage = async (at: string) => {
    const response = await fetch(`${studio.url}/api/platform/redis/${studio.ref}/keys?count=${PAGE}&cursor=${at}`, {
      headers: { ...authHeaders(studio), 'accept-encoding': 'identity' },
    })
    const body = (await response.json()) as { keys: unknown[] }
    if (!response.ok) throw new Error(JSON.stringify(body))
  }
  try {
    for (const point of POINTS) {
      await growFixture(redis, point)
      const cursors: string[] = []
      let cursor = '0'
      for (let index = 0; index < WARMUP + ROUNDS * PAGES_PER_ROUND; index++) {
        cursors.push(cursor)
        cursor = await rawPage(redis, cursor)
      }
      const raw: number[] = []
      const api: number[] = []
      for (let index = 0; index < cursors.length; index++) {
        let started = performance.now()
        await rawPage(redis, cursors[index])
        const rawMs = performance.now() - started
        started = performance.now()
        await apiPage(cursors[index])
        const apiMs = performance.now() - started
        if (index >= WARMUP) {
          raw.push(rawMs)
          api.push(apiMs)
        }
      }
      const rounds = Array.from({ length: ROUNDS }, (_, round) => round * PAGES_PER_ROUND)
      const rawMedians = rounds.map((at) => median(raw.slice(at, at + PAGES_PER_ROUND)))
      const apiMedians = rounds.map((at) => median(api.slice(at, at + PAGES_PER_ROUND)))
      const ratios = rounds.map((_, round) => apiMedians[round] / rawMedians[round])
      const ms = (value: number) => `${value.toFixed(2)} ms`
      const verdict = median(ratios) <= 1.2 ? 'MET' : 'MISSED'
      console.log(
        `${(await redis.dbsize()).toLocaleString('en')} keys: raw ${spread(rawMedians, ms)}, API ${spread(apiMedians, ms)}, ` +
          `API/raw ${spread(ratios, (value) => value.toFixed(2) + '×')} (goal <= 1.2×) ${verdict}`
      )
    }
  } finally {
    await studio.stop()
    if (!process.env.BENCH_KEEP_FIXTURE) await removeFixture(redis)
    redis.disconnect()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
