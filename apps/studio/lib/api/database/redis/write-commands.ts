import type { ChainableCommander } from 'ioredis'

import type { RedisFieldPairs, RedisTextEncoding } from '@multibase/api-contracts'

import { toBytes } from './byte-strings'
import { chunks } from './watched-transaction'

/** The commands that queue a value's parts, shared by create and edit so both write the same way. */
export function bytesOf(encoding: RedisTextEncoding) {
  return (text: string, what = 'value') => toBytes(text, encoding, what)
}

/** `[field, value]` pairs as HSET/XADD arguments, in the order given (duplicates included). */
function flatPairs(pairs: RedisFieldPairs, encoding: RedisTextEncoding): Buffer[] {
  const bytes = bytesOf(encoding)
  return pairs.flatMap(([field, value]) => [bytes(field, 'field'), bytes(value)])
}

export function queueHashFields(transaction: ChainableCommander, key: Buffer, fields: RedisFieldPairs, encoding: RedisTextEncoding): number {
  const flat = flatPairs(fields, encoding)
  const batches = chunks(flat, 2 * 500)
  for (const batch of batches) transaction.hset(key, ...batch)
  return batches.length
}

export function queuePush(transaction: ChainableCommander, key: Buffer, values: string[], side: 'left' | 'right', encoding: RedisTextEncoding): number {
  const bytes = bytesOf(encoding)
  const batches = chunks(values.map((value) => bytes(value)))
  for (const batch of batches) {
    if (side === 'left') transaction.lpush(key, ...batch)
    else transaction.rpush(key, ...batch)
  }
  return batches.length
}

export function queueSetAdd(transaction: ChainableCommander, key: Buffer, members: string[], encoding: RedisTextEncoding): number {
  const bytes = bytesOf(encoding)
  const batches = chunks(members.map((member) => bytes(member, 'member')))
  for (const batch of batches) transaction.sadd(key, ...batch)
  return batches.length
}

export function redisScore(score: number | string): string {
  if (typeof score === 'number') return String(score)
  return score === '-inf' ? '-inf' : '+inf'
}

export function queueSortedSetAdd(
  transaction: ChainableCommander,
  key: Buffer,
  members: Array<{ member: string; score: number | string }>,
  encoding: RedisTextEncoding
): number {
  const bytes = bytesOf(encoding)
  const flat = members.flatMap(({ member, score }) => [redisScore(score), bytes(member, 'member')])
  const batches = chunks(flat, 2 * 500)
  for (const batch of batches) transaction.zadd(key, ...batch)
  return batches.length
}

export function queueStreamAdd(
  transaction: ChainableCommander,
  key: Buffer,
  entries: Array<{ id: string; fields: RedisFieldPairs }>,
  encoding: RedisTextEncoding
): number {
  for (const entry of entries) transaction.xadd(key, entry.id, ...flatPairs(entry.fields, encoding))
  return entries.length
}

/** The length command of each type, queued after a write so the response carries the new length. */
export function queueLength(transaction: ChainableCommander, key: Buffer, type: string): boolean {
  switch (type) {
    case 'string':
      transaction.strlen(key)
      return true
    case 'hash':
      transaction.hlen(key)
      return true
    case 'list':
      transaction.llen(key)
      return true
    case 'set':
      transaction.scard(key)
      return true
    case 'zset':
      transaction.zcard(key)
      return true
    case 'stream':
      transaction.xlen(key)
      return true
    default:
      return false
  }
}
