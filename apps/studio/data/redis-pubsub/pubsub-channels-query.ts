import { redisPubSubChannelsSchema, type RedisPubSubChannels } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { pubSubPath, redisPubSubKeys } from './keys'

export type RedisPubSubChannelsVariables = { ref: string | undefined; connectionId: string | undefined; pattern: string; refreshInterval: number }

export async function getRedisPubSubChannels({ ref, connectionId, pattern }: { ref: string; connectionId: string; pattern: string }): Promise<RedisPubSubChannels> {
  return get(pubSubPath(ref, 'channels'), { query: { connectionId, pattern }, schema: redisPubSubChannelsSchema })
}

/** Channels with at least one subscriber on the server (PUBSUB CHANNELS + NUMSUB), polled. */
export function useRedisPubSubChannelsQuery({ ref, connectionId, pattern, refreshInterval }: RedisPubSubChannelsVariables) {
  return useSWR<RedisPubSubChannels, ResponseError>(
    ref && connectionId ? redisPubSubKeys.channels(ref, connectionId, pattern) : null,
    () => getRedisPubSubChannels({ ref: ref as string, connectionId: connectionId as string, pattern }),
    { refreshInterval, keepPreviousData: true }
  )
}
