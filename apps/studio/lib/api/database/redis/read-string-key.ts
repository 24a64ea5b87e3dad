import { REDIS_STRING_PREVIEW_BYTES, type RedisKeyDetail } from '@multibase/api-contracts'
import type Redis from 'ioredis'

import { fromBytes, textEncoder, trimPartialUtf8 } from './byte-strings'
import { readRedisKey, type ReadKeyPage } from './read-key'

const isWrongType = (error: unknown) => error instanceof Error && error.message.startsWith('WRONGTYPE')

/**
 * `GET keys/[key]?type=string`: the caller knows the key is a string (its key list said so), so one
 * plain GETRANGE reads the value — no key-overview script, whose TYPE, PTTL, OBJECT ENCODING and
 * MEMORY USAGE the caller did not ask for. One byte past the preview bound tells whether the value
 * is truncated, exactly as STRLEN does for the full read, so `value` is the same as without the hint.
 *
 * A stale hint falls back to the full read instead of failing: a key that became a hash since the
 * list was loaded (WRONGTYPE) is answered as a hash, and an empty reply — a missing key or an empty
 * string, which GETRANGE cannot tell apart — gets the full read's 404 or its metadata.
 */
export async function readRedisStringKey(redis: Redis, key: Buffer, page: ReadKeyPage): Promise<RedisKeyDetail> {
  let bytes: Buffer
  try {
    bytes = await redis.getrangeBuffer(key, 0, REDIS_STRING_PREVIEW_BYTES)
  } catch (error) {
    if (isWrongType(error)) return readRedisKey(redis, key, page)
    throw error
  }
  if (bytes.length === 0) return readRedisKey(redis, key, page)
  const truncated = bytes.length > REDIS_STRING_PREVIEW_BYTES
  const shown = truncated ? trimPartialUtf8(bytes.subarray(0, REDIS_STRING_PREVIEW_BYTES)) : bytes
  const encoder = textEncoder([shown])
  const { text, encoding } = fromBytes(key)
  return {
    name: text,
    encoding,
    type: 'string',
    ttl: null,
    length: null,
    objectEncoding: null,
    memoryUsage: null,
    valueEncoding: encoder.encoding,
    value: { type: 'string', value: encoder.text(shown), truncated },
    metadataOmitted: true,
  }
}
