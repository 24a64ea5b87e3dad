import { organizationSummarySchema, type OrganizationSummary } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { organizationKeys } from './keys'

export type OrganizationsData = OrganizationSummary[]

export async function getOrganizations(): Promise<OrganizationsData> {
  return get('/api/platform/organizations', { schema: organizationSummarySchema.array() })
}

/** The organizations the signed-in user is a member of, with their role in each. */
export function useOrganizationsQuery() {
  return useSWR<OrganizationsData, ResponseError>(organizationKeys.list(), getOrganizations)
}
