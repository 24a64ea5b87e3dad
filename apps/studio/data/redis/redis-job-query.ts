import { FINAL_JOB_STATES, jobStatusSchema, type JobStatus } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { jobPath, redisKeys } from './keys'

export type RedisJobVariables = { ref: string | undefined; jobId: string | undefined }
export type RedisJobData = JobStatus

export async function getRedisJob({ ref, jobId }: { ref: string; jobId: string }): Promise<RedisJobData> {
  return get(jobPath(ref, jobId), { schema: jobStatusSchema })
}

/** A background job's state and progress, polled every half second until it ends. */
export function useRedisJobQuery({ ref, jobId }: RedisJobVariables) {
  return useSWR<RedisJobData, ResponseError>(ref && jobId ? redisKeys.job(ref, jobId) : null, () => getRedisJob({ ref: ref as string, jobId: jobId as string }), {
    refreshInterval: (job) => (job && FINAL_JOB_STATES.includes(job.state) ? 0 : 500),
    revalidateOnFocus: false,
  })
}
