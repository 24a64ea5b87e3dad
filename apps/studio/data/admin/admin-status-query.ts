import { adminStatusSchema, type AdminStatus } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { adminKeys } from './keys'

export const getAdminStatus = (): Promise<AdminStatus> => get('/api/platform/admin/status', { schema: adminStatusSchema })

export function useAdminStatusQuery() {
  return useSWR<AdminStatus, ResponseError>(adminKeys.status(), getAdminStatus, { refreshInterval: 5000 })
}
