import { projectDetailSchema, type ProjectDetail } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { projectKeys } from './keys'

export type ProjectVariables = { ref: string | undefined }
export type ProjectData = ProjectDetail

export async function getProject({ ref }: { ref: string }): Promise<ProjectData> {
  return get(`/api/platform/projects/${encodeURIComponent(ref)}`, { schema: projectDetailSchema })
}

/** One project and the caller's role on it (what the UI hides or disables follows this role). */
export function useProjectQuery({ ref }: ProjectVariables) {
  return useSWR<ProjectData, ResponseError>(ref ? projectKeys.detail(ref) : null, () => getProject({ ref: ref as string }))
}
