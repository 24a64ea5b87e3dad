import { projectSummarySchema, type ProjectSummary } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { projectKeys } from './keys'

export type ProjectsData = ProjectSummary[]

export async function getProjects(): Promise<ProjectsData> {
  return get('/api/platform/projects', { schema: projectSummarySchema.array() })
}

/** Every project the signed-in user can open (through a project or an organization role). */
export function useProjectsQuery() {
  return useSWR<ProjectsData, ResponseError>(projectKeys.list(), getProjects)
}
