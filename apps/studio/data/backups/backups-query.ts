import { backupListSchema, type BackupList } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { backupKeys, backupsPath } from './keys'

export type BackupsVariables = { ref: string | undefined }
export type BackupsData = BackupList

export async function getBackups({ ref }: { ref: string }): Promise<BackupsData> {
  return get(backupsPath(ref), { query: { limit: 100 }, schema: backupListSchema })
}

/** The project's backups, newest first; polled while one of them is still running. */
export function useBackupsQuery({ ref }: BackupsVariables) {
  return useSWR<BackupsData, ResponseError>(ref ? backupKeys.list(ref) : null, () => getBackups({ ref: ref as string }), {
    refreshInterval: (data) => (data?.backups.some((backup) => backup.status === 'running') ? 1000 : 0),
  })
}
