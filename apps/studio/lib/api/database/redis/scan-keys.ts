import type { RedisKeySummary, RedisListKeysResponse, RedisValueType } from '@multibase/api-contracts'
import type Redis from 'ioredis'

import { fromBytes } from './byte-strings'
import { readPageMetadata } from './key-metadata'
import { fromRedisType, toRedisType, ttlSeconds } from './types'

/**
 * Most keyspace slots one page may ask SCAN to examine. A sparse filter stops here and hands back
 * its cursor instead of walking a million keys in one request.
 */
export const SCAN_BUDGET_PER_PAGE = 100_000
/**
 * Upper bound of one SCAN's COUNT hint: short calls on the server, and a page that meets a dense
 * region right after a sparse one holds at most about ten times `count` keys.
 */
const MAX_COUNT_HINT = 10_000
const MAX_HINT_PER_REQUESTED_KEY = 10

export interface ListKeysOptions {
  pattern: string
  type?: RedisValueType
  cursor: string
  count: number
  withSize: boolean
}

/**
 * One page of keys: SCAN with MATCH (and TYPE) until `count` keys are found, the scan is complete or
 * the page's budget is spent — never KEYS. The COUNT hint starts at `count` and grows with the
 * observed match rate, so an unfiltered page takes about one SCAN and a sparse one does not crawl.
 * Every key SCAN returned is kept (dropping some would skip them for good, the cursor being past
 * them), so a page can hold more than `count`: usually a few, at most about ten times as many. Type, TTL (and size on request) of the whole
 * page, plus DBSIZE, then come in one round trip (see key-metadata). When the filter matches every
 * key (`*`, no type), the first SCAN is the page: SCAN's COUNT is approximate and chasing the last
 * few keys would cost another round trip for nothing.
 */
export async function listRedisKeys(redis: Redis, options: ListKeysOptions): Promise<RedisListKeysResponse> {
  const filter: Array<string | number> = ['MATCH', options.pattern]
  if (options.type) filter.push('TYPE', toRedisType(options.type))
  const matchesEverything = options.pattern === '*' && !options.type
  const found: Buffer[] = []
  let cursor = options.cursor
  let scanned = 0
  let hint = options.count
  do {
    const [next, batch] = await redis.scanBuffer(cursor, ...(filter as ['MATCH', string]), 'COUNT', hint)
    cursor = next.toString()
    scanned += hint
    found.push(...batch)
    const remaining = options.count - found.length
    if (remaining <= 0 || matchesEverything) break
    const matchRate = found.length / scanned
    hint = Math.min(
      MAX_COUNT_HINT,
      options.count * MAX_HINT_PER_REQUESTED_KEY,
      SCAN_BUDGET_PER_PAGE - scanned,
      Math.ceil(remaining / Math.max(matchRate, 0.001))
    )
  } while (cursor !== '0' && hint > 0)

  const metadata = await readPageMetadata(redis, found, { withType: !options.type, withSize: options.withSize })
  const keys: RedisKeySummary[] = []
  found.forEach((key, index) => {
    const { type = toRedisType(options.type as RedisValueType), pttl, size } = metadata.keys[index]
    // Deleted or expired between SCAN and the metadata call.
    if (type === 'none' || pttl === -2) return
    const { text, encoding } = fromBytes(key)
    const summary: RedisKeySummary = { name: text, encoding, type: fromRedisType(type), ttl: ttlSeconds(pttl) }
    if (options.withSize) summary.size = size ?? null
    keys.push(summary)
  })
  return { keys, cursor, complete: cursor === '0', scanned, total: metadata.total }
}
