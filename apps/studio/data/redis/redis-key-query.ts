import { redisKeyDetailSchema, type RedisKeyDetail, type RedisKeyRef } from '@multibase/api-contracts'
import useSWR from 'swr'

import { errorBodySchema } from '@multibase/api-contracts'

import { get, ResponseError } from '../fetchers'
import { redisKeyPath, redisKeys } from './keys'

export interface RedisValuePage {
  /** HSCAN/SSCAN cursor or the stream id to continue after. */
  cursor?: string
  /** First index (list, zset). */
  offset?: number
  count: number
}

export type RedisKeyVariables = { ref: string | undefined; connectionId: string | undefined; key: RedisKeyRef | undefined; page: RedisValuePage }
export type RedisKeyData = RedisKeyDetail

export async function getRedisKey({ ref, connectionId, key, page }: { ref: string; connectionId: string; key: RedisKeyRef; page: RedisValuePage }) {
  const { path, encoding } = redisKeyPath(ref, key)
  return get(path, {
    query: { connectionId, encoding, cursor: page.cursor, offset: page.offset, count: page.count },
    schema: redisKeyDetailSchema,
  })
}

/** One page of a key's value (type, TTL, length and the page's elements). */
export function useRedisKeyQuery({ ref, connectionId, key, page }: RedisKeyVariables) {
  return useSWR<RedisKeyData, ResponseError>(
    ref && connectionId && key ? redisKeys.valuePage(ref, connectionId, key, page) : null,
    () => getRedisKey({ ref: ref as string, connectionId: connectionId as string, key: key as RedisKeyRef, page }),
    { revalidateOnFocus: false, keepPreviousData: true }
  )
}

/**
 * The whole string value as a file (the JSON view carries a preview only). A binary body cannot go
 * through apiFetch, which reads JSON; failures still become the one ResponseError.
 */
export async function downloadRedisValue({ ref, connectionId, key, token }: { ref: string; connectionId: string; key: RedisKeyRef; token: string | undefined }) {
  const { path, encoding } = redisKeyPath(ref, key)
  const params = new URLSearchParams({ connectionId, encoding, download: '1' })
  const response = await fetch(`${path}?${params}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined))
    const requestId = response.headers.get('x-request-id') ?? undefined
    if (parsed.success) {
      const { code, message, requestId: bodyRequestId, details } = parsed.data.error
      throw new ResponseError(message, { code, status: response.status, requestId: bodyRequestId, details })
    }
    throw new ResponseError(`Download failed with status ${response.status}`, { code: 'HTTP_ERROR', status: response.status, requestId })
  }
  return response.blob()
}
