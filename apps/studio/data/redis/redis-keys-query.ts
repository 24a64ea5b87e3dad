import { redisListKeysResponseSchema, type RedisListKeysResponse } from '@multibase/api-contracts'
import useSWRInfinite from 'swr/infinite'

import { get, type ResponseError } from '../fetchers'
import { redisKeys, redisKeysPath, type RedisKeyListFilter } from './keys'

export type RedisKeysVariables = {
  ref: string | undefined
  connectionId: string | undefined
  filter: RedisKeyListFilter
  /** Keys per SCAN page. */
  count?: number
}
export type RedisKeysPage = RedisListKeysResponse

export async function getRedisKeysPage({
  ref,
  connectionId,
  filter,
  cursor,
  count,
}: {
  ref: string
  connectionId: string
  filter: RedisKeyListFilter
  cursor: string
  count: number
}): Promise<RedisKeysPage> {
  return get(redisKeysPath(ref), {
    query: { connectionId, pattern: filter.pattern, type: filter.type, cursor, count },
    schema: redisListKeysResponseSchema,
  })
}

/**
 * The keyspace as SCAN pages: page n+1 continues from page n's cursor, so "load more" is `setSize`.
 * Pages are not revalidated on focus: a rescan would restart from cursor 0 and reshuffle the list.
 */
export function useRedisKeysQuery({ ref, connectionId, filter, count = 500 }: RedisKeysVariables) {
  return useSWRInfinite<RedisKeysPage, ResponseError>(
    (index, previous: RedisKeysPage | null) => {
      if (!ref || !connectionId) return null
      if (previous?.complete) return null
      return redisKeys.listPage(ref, connectionId, filter, index === 0 ? '0' : (previous?.cursor ?? '0'))
    },
    (key: ReturnType<typeof redisKeys.listPage>) =>
      getRedisKeysPage({ ref: key[1], connectionId: key[2], filter, cursor: key[6], count }),
    { revalidateOnFocus: false, revalidateFirstPage: false, revalidateAll: false }
  )
}
