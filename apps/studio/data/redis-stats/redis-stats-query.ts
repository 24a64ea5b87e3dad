import { redisStatsResponseSchema, type RedisStatsResponse } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { redisServerPath, redisStatsKeys } from './keys'

export type RedisStatsVariables = { ref: string | undefined; connectionId: string | undefined; refreshInterval: number }

export async function getRedisStats({ ref, connectionId }: { ref: string; connectionId: string }): Promise<RedisStatsResponse> {
  return get(redisServerPath(ref, 'stats'), { query: { connectionId }, schema: redisStatsResponseSchema })
}

/**
 * One sample of the server's counters, polled every `refreshInterval` ms. The server keeps no history;
 * the caller keeps the series (see useRedisStatsSeries).
 */
export function useRedisStatsQuery({ ref, connectionId, refreshInterval }: RedisStatsVariables) {
  return useSWR<RedisStatsResponse, ResponseError>(
    ref && connectionId ? redisStatsKeys.stats(ref, connectionId) : null,
    () => getRedisStats({ ref: ref as string, connectionId: connectionId as string }),
    // Every poll must produce a fresh sample, so no deduplication with a sample just fetched elsewhere.
    { refreshInterval, dedupingInterval: 0, revalidateOnFocus: false, keepPreviousData: false }
  )
}
