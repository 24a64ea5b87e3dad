import { redisWriteResultSchema, type RedisCreateKeyBody, type RedisKeyRef, type RedisWriteResult } from '@multibase/api-contracts'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { redisKeyPath } from './keys'

export type RedisKeyCreateVariables = { ref: string; connectionId: string; key: RedisKeyRef; body: RedisCreateKeyBody }
export type RedisKeyCreateData = RedisWriteResult

export async function createRedisKey({ ref, connectionId, key, body }: RedisKeyCreateVariables): Promise<RedisKeyCreateData> {
  const { path, encoding } = redisKeyPath(ref, key)
  return post(path, body, { query: { connectionId, encoding }, schema: redisWriteResultSchema })
}

/** Creates a key of any type; 409 KEY_EXISTS unless `overwrite`. The key list is refreshed by the caller. */
export function useRedisKeyCreateMutation() {
  return useSWRMutation<RedisKeyCreateData, ResponseError, readonly string[], RedisKeyCreateVariables>(['redis', 'key', 'create'], (_key, { arg }) =>
    createRedisKey(arg)
  )
}
