import { createdProjectSchema, type CreatedProject, type CreateProjectInput } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { projectKeys } from './keys'

export type ProjectCreateVariables = CreateProjectInput
export type ProjectCreateData = CreatedProject

export async function createProject(variables: ProjectCreateVariables): Promise<ProjectCreateData> {
  return post('/api/platform/projects', variables, { schema: createdProjectSchema })
}

export function useProjectCreateMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<ProjectCreateData, ResponseError, readonly string[], ProjectCreateVariables>(
    ['projects', 'create'],
    (_key, { arg }) => createProject(arg),
    { onSuccess: () => void mutate(projectKeys.list()) }
  )
}
