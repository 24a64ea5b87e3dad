import type { RedisKeyDetail, RedisKeyValue } from '@multibase/api-contracts'
import type Redis from 'ioredis'

import { NotFoundError, ValidationError } from '../errors'
import { fromBytes, textEncoder, trimPartialUtf8 } from './byte-strings'
import { readKeyOverview, type KeyOverview } from './key-overview'
import { fromRedisType, REDIS_JSON_TYPE, ttlSeconds } from './types'

export interface ReadKeyPage {
  /** HSCAN/SSCAN cursor, or the stream id to continue after. */
  cursor?: string
  offset: number
  count: number
}

interface RawValue {
  /** Every byte string of the page, to choose one text encoding for the response. */
  strings: Buffer[]
  build: (text: (bytes: Buffer) => string) => RedisKeyValue
}

const SCAN_CURSOR = /^\d{1,20}$/

function scanCursor(cursor: string | undefined): string {
  if (cursor === undefined) return '0'
  if (!SCAN_CURSOR.test(cursor)) throw new ValidationError('cursor must be the decimal cursor of a previous page', { field: 'cursor' })
  return cursor
}

function pairs(flat: Buffer[]): Array<[Buffer, Buffer]> {
  const result: Array<[Buffer, Buffer]> = []
  for (let index = 0; index + 1 < flat.length; index += 2) result.push([flat[index], flat[index + 1]])
  return result
}

function nextOffset(page: ReadKeyPage, length: number | null): number | null {
  const next = page.offset + page.count
  return length !== null && next < length ? next : null
}

/** XINFO GROUPS replies one flat field/value array per group. */
function streamGroups(reply: unknown) {
  return ((reply as Array<Array<string | number | null>>) ?? []).map((flat) => {
    const group = new Map<string, string | number | null>()
    for (let index = 0; index + 1 < flat.length; index += 2) group.set(String(flat[index]), flat[index + 1])
    const number = (name: string) => {
      const value = group.get(name)
      return typeof value === 'number' ? value : null
    }
    return {
      name: String(group.get('name') ?? ''),
      consumers: number('consumers') ?? 0,
      pending: number('pending') ?? 0,
      lastDeliveredId: String(group.get('last-delivered-id') ?? ''),
      lag: number('lag'),
    }
  })
}

async function readValue(redis: Redis, key: Buffer, overview: KeyOverview, page: ReadKeyPage): Promise<RawValue> {
  switch (overview.type) {
    case 'string': {
      const preview = overview.preview ?? Buffer.alloc(0)
      const truncated = (overview.length ?? 0) > preview.length
      const shown = truncated ? trimPartialUtf8(preview) : preview
      return { strings: [shown], build: (text) => ({ type: 'string', value: text(shown), truncated }) }
    }
    case 'hash': {
      const [cursor, flat] = await redis.hscanBuffer(key, scanCursor(page.cursor), 'COUNT', page.count)
      const fields = pairs(flat)
      return {
        strings: flat,
        build: (text) => ({ type: 'hash', fields: fields.map(([field, value]) => [text(field), text(value)] as [string, string]), cursor: cursor.toString() }),
      }
    }
    case 'set': {
      const [cursor, members] = await redis.sscanBuffer(key, scanCursor(page.cursor), 'COUNT', page.count)
      return { strings: members, build: (text) => ({ type: 'set', members: members.map(text), cursor: cursor.toString() }) }
    }
    case 'list': {
      const items = await redis.lrangeBuffer(key, page.offset, page.offset + page.count - 1)
      return {
        strings: items,
        build: (text) => ({ type: 'list', items: items.map(text), offset: page.offset, nextOffset: nextOffset(page, overview.length) }),
      }
    }
    case 'zset': {
      const flat = (await redis.zrangeBuffer(key, page.offset, String(page.offset + page.count - 1), 'WITHSCORES')) as Buffer[]
      const members = pairs(flat)
      return {
        strings: members.map(([member]) => member),
        build: (text) => ({
          type: 'zset',
          members: members.map(([member, score]) => ({ member: text(member), score: score.toString() })),
          offset: page.offset,
          nextOffset: nextOffset(page, overview.length),
        }),
      }
    }
    case 'stream': {
      // One entry more than asked tells whether another page exists.
      const start = page.cursor === undefined ? '-' : `(${page.cursor}`
      const [[rangeError, range], [groupsError, groups]] = ((await redis
        .pipeline()
        .xrangeBuffer(key, start, '+', 'COUNT', page.count + 1)
        .xinfo('GROUPS', key)
        .exec()) ?? []) as Array<[Error | null, unknown]>
      if (rangeError || groupsError) throw rangeError ?? groupsError
      const entries = (range as Array<[Buffer, Buffer[]]>).slice(0, page.count)
      const hasMore = (range as unknown[]).length > page.count
      return {
        strings: entries.flatMap(([, fields]) => fields),
        build: (text) => ({
          type: 'stream',
          entries: entries.map(([id, fields]) => ({ id: id.toString(), fields: pairs(fields).map(([field, value]) => [text(field), text(value)] as [string, string]) })),
          nextCursor: hasMore ? entries[entries.length - 1][0].toString() : null,
          groups: streamGroups(groups),
        }),
      }
    }
    case REDIS_JSON_TYPE: {
      const document = (await redis.call('JSON.GET', key)) as string | null
      return { strings: [], build: () => ({ type: 'json', value: document === null ? null : JSON.parse(document) }) }
    }
    default:
      return { strings: [], build: () => ({ type: 'unsupported', redisType: overview.type }) }
  }
}

/** A key's metadata and the requested page of its value (the whole value when it is small). */
export async function readRedisKey(redis: Redis, key: Buffer, page: ReadKeyPage): Promise<RedisKeyDetail> {
  const overview = await readKeyOverview(redis, key)
  if (!overview) throw new NotFoundError('Key not found', 'KEY_NOT_FOUND')
  if (page.cursor !== undefined && overview.type === 'stream' && !/^\d{1,20}-\d{1,20}$/.test(page.cursor)) {
    throw new ValidationError('cursor of a stream page must be an entry id', { field: 'cursor' })
  }
  const raw = await readValue(redis, key, overview, page)
  const encoder = textEncoder(raw.strings)
  const { text, encoding } = fromBytes(key)
  return {
    name: text,
    encoding,
    type: fromRedisType(overview.type),
    ttl: ttlSeconds(overview.pttl),
    length: overview.length,
    objectEncoding: overview.objectEncoding,
    memoryUsage: overview.memoryUsage,
    valueEncoding: encoder.encoding,
    value: raw.build(encoder.text),
  }
}

/** The whole value of a string key, for a download. */
export async function readRedisStringValue(redis: Redis, key: Buffer): Promise<Buffer> {
  const value = await redis.getBuffer(key)
  if (value === null) throw new NotFoundError('Key not found', 'KEY_NOT_FOUND')
  return value
}
