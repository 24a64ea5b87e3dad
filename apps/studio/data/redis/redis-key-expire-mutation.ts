import { redisExpireResponseSchema, type RedisExpireBody, type RedisKeyRef } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'
import type { z } from 'zod'

import { post, type ResponseError } from '../fetchers'
import { redisKeyPath } from './keys'
import { revalidateRedisKeyValue } from './revalidate'

export type RedisKeyExpireVariables = { ref: string; connectionId: string; key: RedisKeyRef; body: RedisExpireBody }
export type RedisKeyExpireData = z.infer<typeof redisExpireResponseSchema>

export async function expireRedisKey({ ref, connectionId, key, body }: RedisKeyExpireVariables): Promise<RedisKeyExpireData> {
  const { path, encoding } = redisKeyPath(ref, key, '/expire')
  return post(path, body, { query: { connectionId, encoding }, schema: redisExpireResponseSchema })
}

/** Sets a key's time to live in seconds, or removes it (`{ persist: true }`). */
export function useRedisKeyExpireMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<RedisKeyExpireData, ResponseError, readonly string[], RedisKeyExpireVariables>(['redis', 'key', 'expire'], async (_key, { arg }) => {
    const result = await expireRedisKey(arg)
    await revalidateRedisKeyValue(mutate, arg.ref, arg.connectionId, arg.key)
    return result
  })
}
