import type { RedisPublishBody } from '@multibase/api-contracts'
import type Redis from 'ioredis'

/** PUBLISH; answers how many subscribers (across all clients of the server) received it. */
export async function publishMessage(redis: Redis, input: RedisPublishBody): Promise<{ receivers: number }> {
  const payload = input.encoding === 'base64' ? Buffer.from(input.message, 'base64') : input.message
  return { receivers: await redis.publish(input.channel, payload) }
}
