import type { ChainableCommander } from 'ioredis'
import type Redis from 'ioredis'

import type { redisCreateKeyBodySchema, RedisWriteResult } from '@multibase/api-contracts'
import type { z } from 'zod'

import { ConflictError } from '../errors'
import { fromBytes, toBytes } from './byte-strings'
import { assertJsonModule } from './modules'
import { assertStreamIdsInsertable } from './stream-ids'
import { fromRedisType, ttlSeconds } from './types'
import { watchedTransaction } from './watched-transaction'
import { queueHashFields, queueLength, queuePush, queueSetAdd, queueSortedSetAdd, queueStreamAdd } from './write-commands'

export type CreateKeyInput = z.infer<typeof redisCreateKeyBodySchema>

function queueValue(transaction: ChainableCommander, key: Buffer, input: CreateKeyInput): void {
  const encoding = input.valueEncoding
  switch (input.type) {
    case 'string':
      transaction.set(key, toBytes(input.value, encoding))
      return
    case 'hash':
      queueHashFields(transaction, key, input.value, encoding)
      return
    case 'list':
      queuePush(transaction, key, input.value, 'right', encoding)
      return
    case 'set':
      queueSetAdd(transaction, key, input.value, encoding)
      return
    case 'zset':
      queueSortedSetAdd(transaction, key, input.value, encoding)
      return
    case 'stream':
      queueStreamAdd(transaction, key, input.value, encoding)
      return
    case 'json':
      transaction.call('JSON.SET', key, '$', JSON.stringify(input.value ?? null))
      return
  }
}

/**
 * Creates a key with its whole value and optional TTL in one MULTI: 409 KEY_EXISTS when the key is
 * there (checked under WATCH, so a key created concurrently is not overwritten either), or with
 * `overwrite` DEL + write + EXPIRE together. Inputs that could fail half-way inside the transaction
 * (stream ids, a missing module) are checked before anything is queued.
 */
export async function createRedisKey(redis: Redis, key: Buffer, input: CreateKeyInput): Promise<RedisWriteResult> {
  if (input.type === 'json') await assertJsonModule(redis)
  if (input.type === 'stream') assertStreamIdsInsertable(input.value.map((entry) => entry.id))
  const { replies } = await watchedTransaction(
    redis,
    key,
    async () => {
      if (!input.overwrite && (await redis.exists(key)) > 0) {
        throw new ConflictError('A key with this name already exists; pass overwrite to replace it', 'KEY_EXISTS')
      }
    },
    (transaction) => {
      if (input.overwrite) transaction.del(key)
      queueValue(transaction, key, input)
      if (input.ttl !== undefined) transaction.expire(key, input.ttl)
      transaction.pttl(key)
      queueLength(transaction, key, input.type)
    }
  )
  const hasLength = input.type !== 'json'
  const pttl = replies[replies.length - (hasLength ? 2 : 1)][1] as number
  const { text, encoding } = fromBytes(key)
  return {
    name: text,
    encoding,
    type: fromRedisType(input.type),
    ttl: ttlSeconds(pttl),
    length: hasLength ? (replies[replies.length - 1][1] as number) : null,
  }
}
