import type Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { TestProject } from '../helpers/fixtures'
import { loadInBatches, projectOnRedisDatabase, redisDatabase } from '../helpers/redis-keys'

// This file owns Redis database 2 of the test server.
const DB = 2
const ITEMS = 100_000
const ORDERS = 5_000
const QUEUES = 1_000
const RARE = 40

let project: TestProject
let redis: Redis

beforeAll(async () => {
  redis = redisDatabase(DB)
  await redis.flushdb()
  await loadInBatches(redis, ITEMS, (pipeline, index) => {
    if (index % 10 === 0) pipeline.set(`item:${index}`, 'v', 'EX', 3600)
    else pipeline.set(`item:${index}`, 'v')
  })
  await loadInBatches(redis, ORDERS, (pipeline, index) => pipeline.hset(`order:${index}`, 'total', index))
  await loadInBatches(redis, QUEUES, (pipeline, index) => pipeline.rpush(`queue:${index}`, 'job'))
  await loadInBatches(redis, RARE, (pipeline, index) => pipeline.sadd(`rare:${index}`, 'm'))
  project = await projectOnRedisDatabase(DB)
}, 120_000)

afterAll(async () => {
  await redis.flushdb()
  redis.disconnect()
})

interface Page {
  keys: Array<{ name: string; encoding: string; type: string; ttl: number | null; size?: number | null }>
  cursor: string
  complete: boolean
  scanned: number
  total: number
}

/** Follows cursors to the end of the scan, collecting every page. */
async function scanAll(query: Record<string, string>): Promise<Page[]> {
  const pages: Page[] = []
  let cursor = '0'
  do {
    const params = new URLSearchParams({ ...query, cursor })
    const response = await project.owner.request<Page>('GET', `/api/platform/redis/${project.ref}/keys?${params}`)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    pages.push(response.body)
    cursor = response.body.cursor
  } while (cursor !== '0')
  return pages
}

const TOTAL = ITEMS + ORDERS + QUEUES + RARE

describe(`SCAN-based key listing on a keyspace of ${TOTAL} keys`, () => {
  it('pages through every key once, with type and TTL, and reports the total', async () => {
    const pages = await scanAll({ count: '1000' })
    const names = new Set(pages.flatMap((page) => page.keys.map((key) => key.name)))
    expect(names.size).toBe(TOTAL)
    expect(pages.every((page) => page.total === TOTAL)).toBe(true)
    expect(pages.at(-1)?.complete).toBe(true)
    // A page holds about `count` keys: SCAN's COUNT is a hint, and every returned key is kept.
    for (const page of pages.slice(0, -1)) expect(page.keys.length).toBeGreaterThanOrEqual(1000)
    const keys = pages.flatMap((page) => page.keys)
    const item10 = keys.find((key) => key.name === 'item:10')
    const item11 = keys.find((key) => key.name === 'item:11')
    expect(item10?.type).toBe('string')
    expect(item10?.ttl).toBeGreaterThan(3500)
    expect(item11?.ttl).toBeNull()
    expect(keys.find((key) => key.name === 'order:7')?.type).toBe('hash')
    expect(keys.filter((key) => key.type === 'string' && key.ttl !== null)).toHaveLength(ITEMS / 10)
  })

  it('a pattern filter returns exactly the matching keys', async () => {
    const pages = await scanAll({ pattern: 'order:*', count: '500' })
    const keys = pages.flatMap((page) => page.keys)
    expect(new Set(keys.map((key) => key.name)).size).toBe(ORDERS)
    expect(keys.every((key) => key.name.startsWith('order:') && key.type === 'hash')).toBe(true)
  })

  it('a type filter returns exactly the keys of that type', async () => {
    const pages = await scanAll({ type: 'list', count: '200' })
    const keys = pages.flatMap((page) => page.keys)
    expect(new Set(keys.map((key) => key.name)).size).toBe(QUEUES)
    expect(keys.every((key) => key.type === 'list' && key.name.startsWith('queue:'))).toBe(true)
  })

  it('pattern and type together, and a combination nothing matches', async () => {
    const sets = (await scanAll({ pattern: 'rare:*', type: 'set' })).flatMap((page) => page.keys)
    expect(sets.map((key) => key.name).sort()).toEqual(Array.from({ length: RARE }, (_, index) => `rare:${index}`).sort())
    expect((await scanAll({ pattern: 'rare:*', type: 'hash' })).flatMap((page) => page.keys)).toEqual([])
    expect((await scanAll({ pattern: 'item:1?', type: 'string' })).flatMap((page) => page.keys)).toHaveLength(10)
  })

  it('a sparse filter keeps scanning to fill its page, but stops at its budget and says how far it got', async () => {
    const pages = await scanAll({ pattern: 'rare:*', count: '100' })
    // 40 matches among ~106k keys cannot fill a 100-key page within one page's 100k-slot budget.
    expect(pages.length).toBeGreaterThan(1)
    for (const page of pages.slice(0, -1)) {
      expect(page.complete).toBe(false)
      expect(page.cursor).not.toBe('0')
      expect(page.scanned).toBeGreaterThanOrEqual(100_000 - 10_000)
      expect(page.scanned).toBeLessThanOrEqual(100_000)
    }
    expect(pages.at(-1)?.complete).toBe(true)
    expect(pages.flatMap((page) => page.keys)).toHaveLength(RARE)
    // The first page already scanned far more than one COUNT's worth: the hint grew with the match rate.
    expect(pages[0].keys.length).toBeGreaterThan(0)
  })

  it('sizes from MEMORY USAGE only when asked for', async () => {
    const params = new URLSearchParams({ pattern: 'order:1*', count: '50' })
    const plain = await project.owner.request<Page>('GET', `/api/platform/redis/${project.ref}/keys?${params}`)
    expect(plain.body.keys.every((key) => !('size' in key))).toBe(true)
    params.set('withSize', 'true')
    const sized = await project.owner.request<Page>('GET', `/api/platform/redis/${project.ref}/keys?${params}`)
    expect(sized.body.keys.length).toBeGreaterThanOrEqual(50)
    expect(sized.body.keys.every((key) => typeof key.size === 'number' && key.size > 0)).toBe(true)
  })
})
