import { jobStartedSchema, type JobStarted, type RedisBulkDeleteBody } from '@multibase/api-contracts'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { redisKeysPath } from './keys'

export type RedisBulkDeleteVariables = { ref: string; connectionId: string; body: Pick<RedisBulkDeleteBody, 'pattern'> & Partial<RedisBulkDeleteBody> }
export type RedisBulkDeleteData = JobStarted

export async function startRedisBulkDelete({ ref, connectionId, body }: RedisBulkDeleteVariables): Promise<RedisBulkDeleteData> {
  return post(`${redisKeysPath(ref)}/bulk-delete`, body, { query: { connectionId }, schema: jobStartedSchema })
}

/** Starts a background job that unlinks every key matching a pattern; follow it with useRedisJobQuery. */
export function useRedisBulkDeleteMutation() {
  return useSWRMutation<RedisBulkDeleteData, ResponseError, readonly string[], RedisBulkDeleteVariables>(['redis', 'bulk-delete'], (_key, { arg }) =>
    startRedisBulkDelete(arg)
  )
}
