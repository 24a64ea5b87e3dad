import { adminJobsResponseSchema, type AdminJobsResponse } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { adminKeys } from './keys'

export type AdminJobsVariables = { state?: 'created' | 'active' | 'completed' | 'cancelled' | 'failed' }

export const getAdminJobs = ({ state }: AdminJobsVariables): Promise<AdminJobsResponse> =>
  get('/api/platform/admin/jobs', { query: { limit: 200, ...(state ? { state } : {}) }, schema: adminJobsResponseSchema })

/** Jobs of every project; refreshed every few seconds so running ones show their progress. */
export function useAdminJobsQuery(variables: AdminJobsVariables) {
  return useSWR<AdminJobsResponse, ResponseError>(adminKeys.jobs(variables.state), () => getAdminJobs(variables), {
    refreshInterval: 3000,
  })
}
