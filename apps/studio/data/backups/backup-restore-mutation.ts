import { jobStartedSchema, type JobStarted, type RestoreBackupBody } from '@multibase/api-contracts'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { backupPath } from './keys'

export type BackupRestoreVariables = { ref: string; id: string; body: Partial<RestoreBackupBody> & Pick<RestoreBackupBody, 'connectionId'> }
export type BackupRestoreData = JobStarted

/** Starts a restore job (a dry run unless dryRun is false); follow it with useBackupJobQuery. */
export async function restoreBackup({ ref, id, body }: BackupRestoreVariables): Promise<BackupRestoreData> {
  return post(`${backupPath(ref, id)}/restore`, body, { schema: jobStartedSchema })
}

export function useBackupRestoreMutation() {
  return useSWRMutation<BackupRestoreData, ResponseError, readonly string[], BackupRestoreVariables>(['backups', 'restore'], (_key, { arg }) => restoreBackup(arg))
}
