import { adminSecurityEventsResponseSchema, type AdminSecurityEventsResponse } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { adminKeys } from './keys'

export const getAdminSecurityEvents = (): Promise<AdminSecurityEventsResponse> =>
  get('/api/platform/admin/security-events', { query: { limit: 200 }, schema: adminSecurityEventsResponseSchema })

export function useAdminSecurityEventsQuery() {
  return useSWR<AdminSecurityEventsResponse, ResponseError>(adminKeys.securityEvents(), getAdminSecurityEvents)
}
