import { redisInfoResponseSchema, type RedisInfoResponse } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { redisServerPath, redisStatsKeys } from './keys'

export type RedisInfoVariables = { ref: string | undefined; connectionId: string | undefined }

export async function getRedisInfo({ ref, connectionId }: { ref: string; connectionId: string }): Promise<RedisInfoResponse> {
  return get(redisServerPath(ref, 'info'), { query: { connectionId }, schema: redisInfoResponseSchema })
}

/** INFO of the connection's server, by section; refreshed on demand (it is long and mostly static). */
export function useRedisInfoQuery({ ref, connectionId }: RedisInfoVariables) {
  return useSWR<RedisInfoResponse, ResponseError>(ref && connectionId ? redisStatsKeys.info(ref, connectionId) : null, () =>
    getRedisInfo({ ref: ref as string, connectionId: connectionId as string })
  )
}
