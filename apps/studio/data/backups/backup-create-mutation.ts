import { jobStartedSchema, type CreateBackupBody } from '@multibase/api-contracts'
import { z } from 'zod'
import { mutate } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { backupKeys, backupsPath } from './keys'

const startedSchema = jobStartedSchema.extend({ backupId: z.string().uuid() })
export type BackupCreateVariables = { ref: string; body: Partial<CreateBackupBody> & Pick<CreateBackupBody, 'engine' | 'connectionId'> }
export type BackupCreateData = z.infer<typeof startedSchema>

export async function createBackup({ ref, body }: BackupCreateVariables): Promise<BackupCreateData> {
  const started = await post(backupsPath(ref), body, { schema: startedSchema })
  await mutate(backupKeys.list(ref))
  return started
}

export function useBackupCreateMutation() {
  return useSWRMutation<BackupCreateData, ResponseError, readonly string[], BackupCreateVariables>(['backups', 'create'], (_key, { arg }) => createBackup(arg))
}
