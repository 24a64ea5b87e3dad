import { generateMigrationResponseSchema, type GenerateMigrationBody, type GenerateMigrationResponse } from '@multibase/api-contracts'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { syncSchemaKeys, syncSchemaPath } from './keys'

export type SyncGenerateMigrationVariables = { body: GenerateMigrationBody }
export type SyncGenerateMigrationData = GenerateMigrationResponse

export async function generateSyncMigration(ref: string, { body }: SyncGenerateMigrationVariables): Promise<SyncGenerateMigrationData> {
  return post(syncSchemaPath(ref, 'generate-migration'), body, { schema: generateMigrationResponseSchema })
}

/** Plans the target's DDL, or with `apply` (admins) runs the reviewed script. */
export function useSyncGenerateMigrationMutation(ref: string) {
  return useSWRMutation<SyncGenerateMigrationData, ResponseError, readonly string[], SyncGenerateMigrationVariables>(
    syncSchemaKeys.migration(ref),
    (_key, { arg }) => generateSyncMigration(ref, arg)
  )
}
