import { organizationSummarySchema, type CreateOrganizationInput, type OrganizationSummary } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { organizationKeys } from './keys'

export type OrganizationCreateVariables = CreateOrganizationInput
export type OrganizationCreateData = OrganizationSummary

export async function createOrganization(variables: OrganizationCreateVariables): Promise<OrganizationCreateData> {
  return post('/api/platform/organizations', variables, { schema: organizationSummarySchema })
}

export function useOrganizationCreateMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<OrganizationCreateData, ResponseError, readonly string[], OrganizationCreateVariables>(
    ['organizations', 'create'],
    (_key, { arg }) => createOrganization(arg),
    { onSuccess: () => void mutate(organizationKeys.list()) }
  )
}
