import { jobStatusSchema, type JobStatus } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'

export type AdminJobCancelVariables = { id: string }

export const cancelAdminJob = ({ id }: AdminJobCancelVariables): Promise<JobStatus> =>
  post(`/api/platform/admin/jobs/${encodeURIComponent(id)}/cancel`, undefined, { schema: jobStatusSchema })

export function useAdminJobCancelMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<JobStatus, ResponseError, readonly string[], AdminJobCancelVariables>(['admin', 'jobs', 'cancel'], async (_key, { arg }) => {
    try {
      return await cancelAdminJob(arg)
    } finally {
      void mutate((key) => Array.isArray(key) && key[0] === 'admin' && key[1] === 'jobs')
    }
  })
}
