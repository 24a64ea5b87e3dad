import { FINAL_JOB_STATES, jobStatusSchema, type JobStatus } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { backupKeys, jobPath } from './keys'

export type BackupJobVariables = { ref: string | undefined; jobId: string | null | undefined }
export type BackupJobData = JobStatus

/** A backup or restore job's progress, polled every half second until it ends. */
export function useBackupJobQuery({ ref, jobId }: BackupJobVariables) {
  return useSWR<BackupJobData, ResponseError>(ref && jobId ? backupKeys.job(ref, jobId) : null, () => get(jobPath(ref as string, jobId as string), { schema: jobStatusSchema }), {
    refreshInterval: (job) => (job && FINAL_JOB_STATES.includes(job.state) ? 0 : 500),
    revalidateOnFocus: false,
  })
}
