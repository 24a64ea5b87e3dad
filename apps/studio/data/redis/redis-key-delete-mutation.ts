import type { RedisKeyRef } from '@multibase/api-contracts'
import useSWRMutation from 'swr/mutation'

import { del, type ResponseError } from '../fetchers'
import { redisKeyPath } from './keys'

export type RedisKeyDeleteVariables = { ref: string; connectionId: string; key: RedisKeyRef }

export async function deleteRedisKey({ ref, connectionId, key }: RedisKeyDeleteVariables): Promise<unknown> {
  const { path, encoding } = redisKeyPath(ref, key)
  return del(path, { query: { connectionId, encoding } })
}

/** Deletes one key (404 when it is already gone). The key list drops it through the caller. */
export function useRedisKeyDeleteMutation() {
  return useSWRMutation<unknown, ResponseError, readonly string[], RedisKeyDeleteVariables>(['redis', 'key', 'delete'], (_key, { arg }) => deleteRedisKey(arg))
}
