import { adminUsersResponseSchema, type AdminUsersResponse } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { adminKeys } from './keys'

export const getAdminUsers = (): Promise<AdminUsersResponse> =>
  get('/api/platform/admin/users', { query: { limit: 500 }, schema: adminUsersResponseSchema })

export function useAdminUsersQuery() {
  return useSWR<AdminUsersResponse, ResponseError>(adminKeys.users(), getAdminUsers)
}
