import { redisPublishResultSchema, type RedisPublishBody } from '@multibase/api-contracts'
import { z } from 'zod'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { pubSubPath } from './keys'

export type RedisPublishVariables = { ref: string; connectionId: string } & RedisPublishBody
export type RedisPublishData = z.infer<typeof redisPublishResultSchema>

export async function publishRedisMessage({ ref, connectionId, ...body }: RedisPublishVariables): Promise<RedisPublishData> {
  return post(pubSubPath(ref, 'publish'), body, { query: { connectionId }, schema: redisPublishResultSchema })
}

/** PUBLISH through the Studio; answers how many subscribers (of any client) received the message. */
export function useRedisPublishMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<RedisPublishData, ResponseError, readonly string[], RedisPublishVariables>(
    ['redis', 'pubsub', 'publish'],
    async (_key, { arg }) => {
      const result = await publishRedisMessage(arg)
      // Subscriber counts may have changed since the last poll; show the current ones.
      void mutate((key) => Array.isArray(key) && key[0] === 'redis' && key[1] === arg.ref && key[3] === 'pubsub' && key[4] === 'channels')
      return result
    }
  )
}
