import type { ChainableCommander } from 'ioredis'
import type Redis from 'ioredis'

import type { redisEditKeyBodySchema, RedisWriteResult } from '@multibase/api-contracts'
import type { z } from 'zod'

import { ConflictError, NotFoundError, QueryError, ValidationError } from '../errors'
import { fromBytes, toBytes } from './byte-strings'
import { assertStreamIdsInsertable, parseStreamId } from './stream-ids'
import { fromRedisType, REDIS_JSON_TYPE, ttlSeconds } from './types'
import { chunks, watchedTransaction } from './watched-transaction'
import { bytesOf, queueHashFields, queueLength, queuePush, queueSetAdd, queueSortedSetAdd, queueStreamAdd } from './write-commands'

export type EditKeyInput = z.infer<typeof redisEditKeyBodySchema>
type TypedEdit = Exclude<EditKeyInput, { action: 'rename' }>

/** The Redis TYPE each edit applies to; any other type is a 400 WRONG_TYPE before anything is sent. */
const TYPE_OF_ACTION: Record<TypedEdit['action'], string> = {
  set: 'string',
  hset: 'hash',
  hdel: 'hash',
  push: 'list',
  lset: 'list',
  lrem: 'list',
  sadd: 'set',
  srem: 'set',
  zadd: 'zset',
  zrem: 'zset',
  zincrby: 'zset',
  xadd: 'stream',
  xdel: 'stream',
  'json.set': REDIS_JSON_TYPE,
}

/** Queues the edit's commands and says how many replies they produce. */
function queueEdit(transaction: ChainableCommander, key: Buffer, edit: TypedEdit): number {
  const bytes = bytesOf(edit.valueEncoding)
  switch (edit.action) {
    case 'set':
      transaction.set(key, bytes(edit.value), 'KEEPTTL')
      return 1
    case 'hset':
      return queueHashFields(transaction, key, edit.fields, edit.valueEncoding)
    case 'hdel': {
      const batches = chunks(edit.fields.map((field) => bytes(field, 'field')))
      for (const batch of batches) transaction.hdel(key, ...batch)
      return batches.length
    }
    case 'push':
      return queuePush(transaction, key, edit.values, edit.side, edit.valueEncoding)
    case 'lset':
      transaction.lset(key, edit.index, bytes(edit.value))
      return 1
    case 'lrem':
      transaction.lrem(key, edit.count, bytes(edit.value))
      return 1
    case 'sadd':
      return queueSetAdd(transaction, key, edit.members, edit.valueEncoding)
    case 'srem': {
      const batches = chunks(edit.members.map((member) => bytes(member, 'member')))
      for (const batch of batches) transaction.srem(key, ...batch)
      return batches.length
    }
    case 'zadd':
      return queueSortedSetAdd(transaction, key, edit.members, edit.valueEncoding)
    case 'zrem': {
      const batches = chunks(edit.members.map((member) => bytes(member, 'member')))
      for (const batch of batches) transaction.zrem(key, ...batch)
      return batches.length
    }
    case 'zincrby':
      transaction.zincrby(key, edit.increment, bytes(edit.member, 'member'))
      return 1
    case 'xadd':
      return queueStreamAdd(transaction, key, edit.entries, edit.valueEncoding)
    case 'xdel':
      transaction.xdel(key, ...edit.ids)
      return 1
    case 'json.set':
      transaction.call('JSON.SET', key, edit.path, JSON.stringify(edit.value ?? null))
      return 1
  }
}

/** The edit's own replies as one result: a sum of counts, a list of stream ids, or the single reply. */
function editResult(edit: TypedEdit, replies: unknown[]): unknown {
  if (edit.action === 'xadd') return replies.map(String)
  if (edit.action === 'zincrby') return String(replies[0])
  if (replies.every((reply) => typeof reply === 'number')) return (replies as number[]).reduce((sum, count) => sum + count, 0)
  return replies.length === 1 ? replies[0] : replies
}

/** Things the transaction could only fail on at EXEC (after other commands applied), checked first. */
async function checkEdit(redis: Redis, key: Buffer, edit: TypedEdit): Promise<void> {
  if (edit.action === 'lset') {
    const length = await redis.llen(key)
    if (edit.index >= length || edit.index < -length) {
      throw new ValidationError(`Index ${edit.index} is outside the list (length ${length})`, { field: 'index' }, 'INDEX_OUT_OF_RANGE')
    }
  }
  if (edit.action === 'xadd') {
    const info = (await redis.xinfo('STREAM', key)) as unknown[]
    const lastAt = info.indexOf('last-generated-id')
    assertStreamIdsInsertable(
      edit.entries.map((entry) => entry.id),
      parseStreamId(String(info[lastAt + 1]))
    )
  }
}

async function renameKey(redis: Redis, key: Buffer, newName: Buffer): Promise<RedisWriteResult> {
  // RENAMENX + TYPE + PTTL in one MULTI: the reported type and TTL are those of the renamed key.
  const replies = await redis.multi().renamenx(key, newName).type(newName).pttl(newName).exec()
  const [renameError, renamed] = replies?.[0] ?? [null, 0]
  if (renameError) {
    if (/no such key/i.test(renameError.message)) throw new NotFoundError('Key not found', 'KEY_NOT_FOUND')
    throw renameError
  }
  if (renamed === 0) throw new ConflictError('A key with the new name already exists', 'KEY_EXISTS')
  const { text, encoding } = fromBytes(newName)
  const type = String(replies?.[1]?.[1])
  return { name: text, encoding, type: fromRedisType(type), ttl: ttlSeconds(replies?.[2]?.[1] as number), length: null }
}

/**
 * One edit of an existing key, applied atomically: the key's type is checked under WATCH (404 when
 * the key is missing, 400 WRONG_TYPE when the edit is for another type), then the edit's commands,
 * the new TTL and length run in one MULTI. Rename is RENAMENX (409 when the new name is taken).
 */
export async function editRedisKey(redis: Redis, key: Buffer, edit: EditKeyInput): Promise<RedisWriteResult> {
  if (edit.action === 'rename') return renameKey(redis, key, toBytes(edit.newName, edit.valueEncoding, 'newName'))
  const expectedType = TYPE_OF_ACTION[edit.action]
  let commands = 0
  const { replies, checked: type } = await watchedTransaction(
    redis,
    key,
    async () => {
      const type = await redis.type(key)
      if (type === 'none') throw new NotFoundError('Key not found', 'KEY_NOT_FOUND')
      if (type !== expectedType) {
        throw new QueryError(`${edit.action} applies to a ${fromRedisType(expectedType)} key; this key is a ${fromRedisType(type)}`, 'WRONG_TYPE', {
          keyType: fromRedisType(type),
        })
      }
      await checkEdit(redis, key, edit)
      return type
    },
    (transaction, type) => {
      commands = queueEdit(transaction, key, edit)
      transaction.pttl(key)
      queueLength(transaction, key, type)
    }
  )
  const values = replies.map(([, value]) => value)
  const hasLength = type !== REDIS_JSON_TYPE
  const { text, encoding } = fromBytes(key)
  return {
    name: text,
    encoding,
    type: fromRedisType(type),
    ttl: ttlSeconds(values[commands] as number),
    length: hasLength ? (values[commands + 1] as number) : null,
    result: editResult(edit, values.slice(0, commands)),
  }
}
