import type { RedisKeyRef } from '@multibase/api-contracts'
import type { ScopedMutator } from 'swr'

import { redisKeys } from './keys'

const startsWith = (key: unknown, prefix: readonly unknown[]) =>
  Array.isArray(key) && prefix.every((part, index) => key[index] === part)

/** Reads every loaded page of one key's value again (after an edit, its TTL or length changed too). */
export function revalidateRedisKeyValue(mutate: ScopedMutator, ref: string, connectionId: string, key: RedisKeyRef) {
  const prefix = redisKeys.valueRoot(ref, connectionId, key)
  return mutate((cacheKey) => startsWith(cacheKey, prefix))
}
