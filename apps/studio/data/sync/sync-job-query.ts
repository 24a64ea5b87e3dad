import { syncJobMetricsSchema, syncJobSchema, type SyncJob, type SyncJobMetrics } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { syncJobsPath, syncKeys } from './keys'

export const getSyncJob = (ref: string, id: string): Promise<SyncJob> => get(syncJobsPath(ref, id), { schema: syncJobSchema })

export function useSyncJobQuery({ ref, id }: { ref: string | undefined; id: string | undefined }) {
  return useSWR<SyncJob, ResponseError>(ref && id ? syncKeys.job(ref, id) : null, () => getSyncJob(ref as string, id as string))
}

/** Totals, throughput over time and per-unit timings; refreshed while the page is open. */
export function useSyncJobMetricsQuery({ ref, id }: { ref: string | undefined; id: string | undefined }) {
  return useSWR<SyncJobMetrics, ResponseError>(
    ref && id ? syncKeys.metrics(ref, id) : null,
    () => get(syncJobsPath(ref as string, id as string, 'metrics'), { schema: syncJobMetricsSchema }),
    { refreshInterval: 2000 }
  )
}
