import { randomBytes } from 'node:crypto'

import type Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { REDIS_STRING_PREVIEW_BYTES } from '@multibase/api-contracts'

import { studioUrl } from '../helpers/api'
import type { TestProject } from '../helpers/fixtures'
import { keyPath, loadInBatches, projectOnRedisDatabase, redisDatabase } from '../helpers/redis-keys'

// This file owns Redis database 3 of the test server.
const DB = 3
const HASH_FIELDS = 100_000

let project: TestProject
let redis: Redis

beforeAll(async () => {
  redis = redisDatabase(DB)
  await redis.flushdb()
  project = await projectOnRedisDatabase(DB)
}, 120_000)

afterAll(async () => {
  await redis.flushdb()
  redis.disconnect()
})

const download = (name: string | Buffer) =>
  fetch(`${studioUrl()}${keyPath(project.ref, name, '', { download: 1 })}`, { headers: { authorization: `Bearer ${project.owner.token}` } })
const read = (name: string, query: Record<string, string | number> = {}) => project.owner.request('GET', keyPath(project.ref, name, '', query))

describe('large values come back in pages', () => {
  it(`a ${HASH_FIELDS}-field hash: metadata plus HSCAN pages that together hold every field once`, async () => {
    await loadInBatches(redis, HASH_FIELDS / 1000, (pipeline, batch) => {
      const fields: string[] = []
      for (let index = batch * 1000; index < (batch + 1) * 1000; index++) fields.push(`field:${index}`, `value:${index}`)
      pipeline.hset('big-hash', ...fields)
    })
    const seen = new Map<string, string>()
    let cursor: string | undefined
    let pages = 0
    do {
      const response = await read('big-hash', { count: 1000, ...(cursor ? { cursor } : {}) })
      expect(response.status).toBe(200)
      expect(response.body).toMatchObject({ type: 'hash', length: HASH_FIELDS, objectEncoding: 'hashtable' })
      expect(response.body.memoryUsage).toBeGreaterThan(1_000_000)
      expect(response.body.value.fields.length).toBeLessThanOrEqual(3000)
      for (const [field, value] of response.body.value.fields) seen.set(field, value)
      cursor = response.body.value.cursor
      pages++
    } while (cursor !== '0')
    expect(seen.size).toBe(HASH_FIELDS)
    expect(seen.get('field:12345')).toBe('value:12345')
    expect(pages).toBeGreaterThan(50)
  })

  it('a 1 MB string comes back truncated with its full length; download=1 returns it whole', async () => {
    const value = randomBytes(512 * 1024).toString('hex')
    const created = await project.owner.request('POST', keyPath(project.ref, 'big-string'), { type: 'string', value })
    expect(created.status).toBe(201)
    expect(created.body.length).toBe(1024 * 1024)

    const response = await read('big-string')
    expect(response.body).toMatchObject({ type: 'string', length: 1024 * 1024, objectEncoding: 'raw', valueEncoding: 'utf8' })
    expect(response.body.value.truncated).toBe(true)
    expect(response.body.value.value).toBe(value.slice(0, REDIS_STRING_PREVIEW_BYTES))

    const whole = await download('big-string')
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-type')).toBe('application/octet-stream')
    expect(whole.headers.get('content-disposition')).toContain('attachment; filename="big-string"')
    expect(Buffer.from(await whole.arrayBuffer()).toString('utf8')).toBe(value)
  })

  it('a truncated preview of multi-byte text stays valid UTF-8 (no character cut in half)', async () => {
    const text = 'é'.repeat(REDIS_STRING_PREVIEW_BYTES)
    await redis.set('accents', text)
    const response = await read('accents')
    expect(response.body.valueEncoding).toBe('utf8')
    expect(response.body.value.truncated).toBe(true)
    expect(response.body.value.value).toBe('é'.repeat(REDIS_STRING_PREVIEW_BYTES / 2))
  })

  it('a binary download works for a key with a binary name', async () => {
    const name = Buffer.from([0x01, 0xff, 0x02])
    const value = randomBytes(100_000)
    await redis.set(name, value)
    const whole = await download(name)
    expect(whole.headers.get('content-disposition')).toContain('redis-value.bin')
    expect(Buffer.from(await whole.arrayBuffer()).equals(value)).toBe(true)
  })

  it('lists, sorted sets, sets and streams page by offset, cursor or entry id', async () => {
    const size = 5000
    await loadInBatches(redis, size, (pipeline, index) => {
      pipeline.rpush('big-list', `item-${index}`)
      pipeline.zadd('big-zset', index, `member-${index}`)
      pipeline.sadd('big-set', `member-${index}`)
      pipeline.xadd('big-stream', `${index + 1}-0`, 'n', String(index))
    })

    const list = await read('big-list', { offset: 4990, count: 20 })
    expect(list.body.value).toEqual({ type: 'list', items: Array.from({ length: 10 }, (_, i) => `item-${4990 + i}`), offset: 4990, nextOffset: null })
    const listStart = await read('big-list', { count: 100 })
    expect(listStart.body.value.nextOffset).toBe(100)
    expect(listStart.body).toMatchObject({ length: size, objectEncoding: 'quicklist' })

    const zset = await read('big-zset', { offset: 100, count: 3 })
    expect(zset.body.value).toEqual({
      type: 'zset',
      members: [100, 101, 102].map((index) => ({ member: `member-${index}`, score: String(index) })),
      offset: 100,
      nextOffset: 103,
    })

    const members = new Set<string>()
    let cursor: string | undefined
    do {
      const page = await read('big-set', { count: 500, ...(cursor ? { cursor } : {}) })
      for (const member of page.body.value.members) members.add(member)
      cursor = page.body.value.cursor
    } while (cursor !== '0')
    expect(members.size).toBe(size)

    const entries: string[] = []
    let after: string | null = null
    do {
      const page: any = await read('big-stream', { count: 1000, ...(after ? { cursor: after } : {}) })
      entries.push(...page.body.value.entries.map((entry: any) => entry.id))
      after = page.body.value.nextCursor
    } while (after)
    expect(entries).toHaveLength(size)
    expect(entries[0]).toBe('1-0')
    expect(entries.at(-1)).toBe(`${size}-0`)
  })
})
