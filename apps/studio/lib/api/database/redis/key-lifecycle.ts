import type Redis from 'ioredis'

import type { RedisExpireBody } from '@multibase/api-contracts'

import { NotFoundError } from '../errors'
import { fromBytes } from './byte-strings'
import { ttlSeconds } from './types'

/** EXPIRE or PERSIST with the existence check in the same MULTI, so a missing key is a clean 404. */
export async function expireRedisKey(redis: Redis, key: Buffer, body: RedisExpireBody) {
  const transaction = redis.multi().exists(key)
  if ('persist' in body) transaction.persist(key)
  else transaction.expire(key, body.seconds)
  const replies = (await transaction.pttl(key).exec()) ?? []
  const failed = replies.find(([error]) => error)
  if (failed) throw failed[0]
  if (replies[0][1] === 0) throw new NotFoundError('Key not found', 'KEY_NOT_FOUND')
  const { text, encoding } = fromBytes(key)
  return { name: text, encoding, ttl: ttlSeconds(replies[2][1] as number) }
}

/** UNLINK: a big value is freed in the background instead of blocking the server. */
export async function deleteRedisKey(redis: Redis, key: Buffer) {
  const removed = await redis.unlink(key)
  if (removed === 0) throw new NotFoundError('Key not found', 'KEY_NOT_FOUND')
  const { text, encoding } = fromBytes(key)
  return { name: text, encoding, deleted: true }
}
