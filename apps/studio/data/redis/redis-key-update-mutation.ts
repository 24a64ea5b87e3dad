import { redisWriteResultSchema, type RedisEditKeyBody, type RedisKeyRef, type RedisWriteResult } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { put, type ResponseError } from '../fetchers'
import { redisKeyPath } from './keys'
import { revalidateRedisKeyValue } from './revalidate'

export type RedisKeyUpdateVariables = { ref: string; connectionId: string; key: RedisKeyRef; body: RedisEditKeyBody }
export type RedisKeyUpdateData = RedisWriteResult

export async function updateRedisKey({ ref, connectionId, key, body }: RedisKeyUpdateVariables): Promise<RedisKeyUpdateData> {
  const { path, encoding } = redisKeyPath(ref, key)
  return put(path, body, { query: { connectionId, encoding }, schema: redisWriteResultSchema })
}

/** One edit of a key (set, hset, hdel, push, lset, lrem, sadd, srem, zadd, zrem, xadd, xdel, json.set, rename). */
export function useRedisKeyUpdateMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<RedisKeyUpdateData, ResponseError, readonly string[], RedisKeyUpdateVariables>(['redis', 'key', 'update'], async (_key, { arg }) => {
    const result = await updateRedisKey(arg)
    if (arg.body.action !== 'rename') await revalidateRedisKeyValue(mutate, arg.ref, arg.connectionId, arg.key)
    return result
  })
}
