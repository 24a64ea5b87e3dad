import { syncJobSchema, type SyncJob, type SyncJobInput } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { syncJobsPath, syncKeys } from './keys'

export type SyncJobCreateVariables = { ref: string; body: SyncJobInput }

export function useSyncJobCreateMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<SyncJob, ResponseError, readonly string[], SyncJobCreateVariables>(['sync-jobs', 'create'], async (_key, { arg }) => {
    const created = await post(syncJobsPath(arg.ref), arg.body, { schema: syncJobSchema })
    await mutate(syncKeys.list(arg.ref))
    return created
  })
}

export type SyncJobAction = 'start' | 'pause' | 'stop'
export type SyncJobActionVariables = { ref: string; id: string; action: SyncJobAction }

/** Start (also resume), pause or stop a sync job. */
export function useSyncJobActionMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<SyncJob, ResponseError, readonly string[], SyncJobActionVariables>(['sync-jobs', 'action'], async (_key, { arg }) => {
    const job = await post(syncJobsPath(arg.ref, arg.id, arg.action), undefined, { schema: syncJobSchema })
    await mutate(syncKeys.job(arg.ref, arg.id), job, { revalidate: false })
    await mutate(syncKeys.list(arg.ref))
    return job
  })
}
