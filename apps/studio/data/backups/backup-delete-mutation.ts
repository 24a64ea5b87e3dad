import { mutate } from 'swr'
import useSWRMutation from 'swr/mutation'

import { del, type ResponseError } from '../fetchers'
import { backupKeys, backupPath } from './keys'

export type BackupDeleteVariables = { ref: string; id: string }

export async function deleteBackup({ ref, id }: BackupDeleteVariables): Promise<void> {
  await del(backupPath(ref, id))
  await mutate(backupKeys.list(ref))
}

export function useBackupDeleteMutation() {
  return useSWRMutation<void, ResponseError, readonly string[], BackupDeleteVariables>(['backups', 'delete'], (_key, { arg }) => deleteBackup(arg))
}
