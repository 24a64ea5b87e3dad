import type Redis from 'ioredis'

import { REDIS_STRING_PREVIEW_BYTES } from '@multibase/api-contracts'

/**
 * Everything about a key that does not depend on paging, read atomically in one round trip: TYPE,
 * PTTL, OBJECT ENCODING, MEMORY USAGE, the type's length and, for a string, its first
 * ARGV[1] bytes — so a small string is answered by this one call.
 */
const KEY_OVERVIEW_LUA = `
local key = KEYS[1]
local kind = redis.call('TYPE', key)['ok']
if kind == 'none' then return {kind} end
local lengths = { string = 'STRLEN', hash = 'HLEN', list = 'LLEN', set = 'SCARD', zset = 'ZCARD', stream = 'XLEN' }
local length = false
if lengths[kind] then length = redis.call(lengths[kind], key) end
local ok, encoding = pcall(redis.call, 'OBJECT', 'ENCODING', key)
if not ok then encoding = false end
local okMemory, memory = pcall(redis.call, 'MEMORY', 'USAGE', key)
if not okMemory then memory = false end
local preview = false
if kind == 'string' then preview = redis.call('GETRANGE', key, 0, tonumber(ARGV[1]) - 1) end
return {kind, redis.call('PTTL', key), encoding, memory, length, preview}
`

const COMMAND = 'multibaseKeyOverview'

interface OverviewCommand {
  multibaseKeyOverviewBuffer(key: Buffer, previewBytes: number): Promise<Array<Buffer | number | null>>
}

export interface KeyOverview {
  type: string
  pttl: number
  objectEncoding: string | null
  memoryUsage: number | null
  length: number | null
  /** First bytes of a string value (up to the preview bound). */
  preview: Buffer | null
}

/** undefined when the key does not exist. */
export async function readKeyOverview(redis: Redis, key: Buffer): Promise<KeyOverview | undefined> {
  // ioredis sends EVALSHA and falls back to EVAL once per server, so the script is not resent each call.
  if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: KEY_OVERVIEW_LUA })
  const reply = await (redis as unknown as OverviewCommand).multibaseKeyOverviewBuffer(key, REDIS_STRING_PREVIEW_BYTES)
  const type = String(reply[0])
  if (type === 'none') return undefined
  const [, pttl, encoding, memory, length, preview] = reply
  return {
    type,
    pttl: pttl as number,
    objectEncoding: encoding ? String(encoding) : null,
    memoryUsage: typeof memory === 'number' ? memory : null,
    length: typeof length === 'number' ? length : null,
    preview: Buffer.isBuffer(preview) ? preview : null,
  }
}
