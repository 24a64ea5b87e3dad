/**
 * Upper bounds (ms) of the latency histogram buckets of platform.request_stats; one more bucket
 * (unbounded) follows the last bound. Changing them needs a new table: stored rows index by position.
 */
export const REQUEST_LATENCY_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const
export const BUCKET_COUNT = REQUEST_LATENCY_BOUNDS_MS.length + 1

export function bucketIndexOf(latencyMs: number): number {
  const index = REQUEST_LATENCY_BOUNDS_MS.findIndex((bound) => latencyMs <= bound)
  return index < 0 ? REQUEST_LATENCY_BOUNDS_MS.length : index
}

/**
 * The latency below which a fraction `q` of the requests fell, as the upper bound of the bucket that
 * holds that rank (so p95 = 250 means "95% took at most 250 ms"). The unbounded bucket reports the
 * last bound; no requests, null.
 */
export function percentileFromBuckets(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0)
  if (total === 0) return null
  const rank = Math.max(1, Math.ceil(q * total))
  let seen = 0
  for (let index = 0; index < buckets.length; index++) {
    seen += buckets[index]
    if (seen >= rank) return REQUEST_LATENCY_BOUNDS_MS[Math.min(index, REQUEST_LATENCY_BOUNDS_MS.length - 1)]
  }
  return REQUEST_LATENCY_BOUNDS_MS[REQUEST_LATENCY_BOUNDS_MS.length - 1]
}

const ENGINE_OF_SEGMENT: Record<string, string> = { redis: 'redis', mongodb: 'mongodb', 'pg-meta': 'postgres', postgres: 'postgres' }

/**
 * Route group and engine of a route template: `/api/platform/redis/[ref]/keys/[key]` is group
 * `redis/keys` of engine `redis`; platform routes (`projects/[ref]/jobs/[id]`) are engine `platform`.
 * Only templates (never paths with values) reach here, so a group never carries a key name.
 */
export function routeGroupOf(template: string): { routeGroup: string; engine: string } {
  const segments = template.replace(/^\/api\/?/, '').split('/').filter(Boolean)
  if (segments[0] !== 'platform') return { routeGroup: segments[0] ?? 'root', engine: 'platform' }
  const [, area, , next] = segments
  const engine = ENGINE_OF_SEGMENT[area ?? '']
  if (engine) {
    const sub = next && !next.startsWith('[') ? next : 'root'
    return { routeGroup: `${area}/${sub}`, engine }
  }
  const second = segments[2]
  const rest = second && !second.startsWith('[') ? second : segments[3]
  return { routeGroup: rest && !rest.startsWith('[') ? `${area}/${rest}` : (area ?? 'platform'), engine: 'platform' }
}
