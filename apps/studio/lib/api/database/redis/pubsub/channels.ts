import { PUBSUB_CHANNELS_MAX, type RedisPubSubChannels } from '@multibase/api-contracts'
import type Redis from 'ioredis'

/**
 * Active channels matching a pattern (PUBSUB CHANNELS) with their subscriber counts (PUBSUB NUMSUB,
 * one call for the whole page), capped so a server with a huge number of channels stays cheap to list.
 */
export async function listPubSubChannels(redis: Redis, pattern: string): Promise<RedisPubSubChannels> {
  const all = (await redis.pubsub('CHANNELS', pattern)) as string[]
  const names = all.sort().slice(0, PUBSUB_CHANNELS_MAX)
  const [numsub, numpat] = await Promise.all([
    names.length > 0 ? (redis.pubsub('NUMSUB', ...names) as Promise<Array<string | number>>) : Promise.resolve([]),
    redis.pubsub('NUMPAT') as Promise<unknown> as Promise<number>,
  ])
  const channels: RedisPubSubChannels['channels'] = []
  for (let index = 0; index < numsub.length; index += 2) {
    channels.push({ name: String(numsub[index]), subscribers: Number(numsub[index + 1]) })
  }
  return { channels, patternSubscriptions: Number(numpat), truncated: all.length > names.length }
}
