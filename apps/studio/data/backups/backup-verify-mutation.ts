import { backupVerifySchema, type BackupVerify } from '@multibase/api-contracts'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { backupPath } from './keys'

export type BackupVerifyVariables = { ref: string; id: string }
export type BackupVerifyData = BackupVerify

export async function verifyBackup({ ref, id }: BackupVerifyVariables): Promise<BackupVerifyData> {
  return post(`${backupPath(ref, id)}/verify`, undefined, { schema: backupVerifySchema })
}

export function useBackupVerifyMutation() {
  return useSWRMutation<BackupVerifyData, ResponseError, readonly string[], BackupVerifyVariables>(['backups', 'verify'], (_key, { arg }) => verifyBackup(arg))
}
