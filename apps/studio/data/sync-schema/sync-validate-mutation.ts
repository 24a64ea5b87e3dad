import { syncValidateResponseSchema, type SyncEndpoints, type SyncValidateResponse } from '@multibase/api-contracts'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { syncSchemaKeys, syncSchemaPath } from './keys'

export type SyncValidateVariables = { endpoints: SyncEndpoints }
export type SyncValidateData = SyncValidateResponse

export async function validateSyncEndpoints(ref: string, { endpoints }: SyncValidateVariables): Promise<SyncValidateData> {
  return post(syncSchemaPath(ref, 'validate'), endpoints, { schema: syncValidateResponseSchema })
}

/** The compatibility report of a source/target pair; a mutation because it is run on demand, not cached. */
export function useSyncValidateMutation(ref: string) {
  return useSWRMutation<SyncValidateData, ResponseError, readonly string[], SyncValidateVariables>(syncSchemaKeys.validate(ref), (_key, { arg }) =>
    validateSyncEndpoints(ref, arg)
  )
}
