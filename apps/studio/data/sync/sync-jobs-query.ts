import { syncJobListSchema, type SyncJob } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { syncJobsPath, syncKeys } from './keys'

export type SyncJobsData = SyncJob[]

export async function getSyncJobs(ref: string): Promise<SyncJobsData> {
  return (await get(syncJobsPath(ref), { schema: syncJobListSchema })).jobs
}

/** The project's sync jobs; refreshed every 2 s so the list shows live states. */
export function useSyncJobsQuery({ ref }: { ref: string | undefined }) {
  return useSWR<SyncJobsData, ResponseError>(ref ? syncKeys.list(ref) : null, () => getSyncJobs(ref as string), { refreshInterval: 2000 })
}
