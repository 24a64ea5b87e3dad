import { jobStatusSchema, type JobStatus } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { jobPath, redisKeys } from './keys'

export type RedisJobCancelVariables = { ref: string; jobId: string }

export async function cancelRedisJob({ ref, jobId }: RedisJobCancelVariables): Promise<JobStatus> {
  return post(`${jobPath(ref, jobId)}/cancel`, undefined, { schema: jobStatusSchema })
}

/** Asks a running job to stop at its next batch (409 JOB_ALREADY_ENDED once it ended). */
export function useRedisJobCancelMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<JobStatus, ResponseError, readonly string[], RedisJobCancelVariables>(['redis', 'job', 'cancel'], async (_key, { arg }) => {
    const status = await cancelRedisJob(arg)
    await mutate(redisKeys.job(arg.ref, arg.jobId))
    return status
  })
}
