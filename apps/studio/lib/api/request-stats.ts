import { getEnv } from '../env'
import { logger } from '../logger'
import { processSingleton } from '../singleton'
import { getPlatformDatabase } from './platform/database'
import { BUCKET_COUNT, bucketIndexOf, routeGroupOf } from './request-stats-math'

interface Aggregate {
  day: string
  routeGroup: string
  engine: string
  projectRef: string
  count: number
  errors: number
  buckets: number[]
}

interface StatsState {
  pending: Map<string, Aggregate>
  timer?: NodeJS.Timeout
}

const state = () => processSingleton('request-stats', (): StatsState => ({ pending: new Map() }))

/**
 * Counts one finished API request in memory (no I/O on the request path); the flusher adds the
 * counts to platform.request_stats. An error is a 5xx or 4xx answer other than 404.
 */
export function recordRequestStat(template: string, projectRef: string | undefined, status: number, latencyMs: number): void {
  const { routeGroup, engine } = routeGroupOf(template)
  const day = new Date().toISOString().slice(0, 10)
  const ref = projectRef && projectRef.length <= 64 ? projectRef : ''
  const key = `${day}\u0000${routeGroup}\u0000${engine}\u0000${ref}`
  const pending = state().pending
  let aggregate = pending.get(key)
  if (!aggregate) {
    aggregate = { day, routeGroup, engine, projectRef: ref, count: 0, errors: 0, buckets: new Array(BUCKET_COUNT).fill(0) }
    pending.set(key, aggregate)
  }
  aggregate.count++
  if (status >= 400 && status !== 404) aggregate.errors++
  aggregate.buckets[bucketIndexOf(latencyMs)]++
}

/** Adds what this instance counted since the last flush; counts of a failed flush are kept for the next. */
export async function flushRequestStats(): Promise<void> {
  const current = state()
  if (current.pending.size === 0) return
  const batch = [...current.pending.values()]
  current.pending = new Map()
  try {
    const db = await getPlatformDatabase()
    await db.query(
      `INSERT INTO platform.request_stats AS s (day, route_group, engine, project_ref, count, errors, buckets)
       SELECT (r->>'day')::date, r->>'routeGroup', r->>'engine', r->>'projectRef', (r->>'count')::bigint, (r->>'errors')::bigint,
              ARRAY(SELECT v::bigint FROM jsonb_array_elements_text(r->'buckets') WITH ORDINALITY AS e(v, i) ORDER BY i)
         FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT (day, route_group, engine, project_ref) DO UPDATE
         SET count = s.count + excluded.count, errors = s.errors + excluded.errors,
             buckets = ARRAY(SELECT a + b FROM unnest(s.buckets, excluded.buckets) WITH ORDINALITY AS t(a, b, i) ORDER BY i)`,
      [JSON.stringify(batch)]
    )
  } catch (error) {
    for (const aggregate of batch) {
      const key = `${aggregate.day}\u0000${aggregate.routeGroup}\u0000${aggregate.engine}\u0000${aggregate.projectRef}`
      const newer = current.pending.get(key)
      if (newer) {
        newer.count += aggregate.count
        newer.errors += aggregate.errors
        newer.buckets = newer.buckets.map((value, index) => value + aggregate.buckets[index])
      } else current.pending.set(key, aggregate)
    }
    logger.warn('request stats flush failed', { error: (error as Error).message })
  }
}

export function startRequestStatsFlusher(): void {
  const current = state()
  if (current.timer) return
  current.timer = setInterval(() => void flushRequestStats(), getEnv().REQUEST_STATS_FLUSH_MS)
  current.timer.unref()
}

export async function stopRequestStatsFlusher(): Promise<void> {
  const current = state()
  clearInterval(current.timer)
  current.timer = undefined
  await flushRequestStats()
}
