import { auditListResponseSchema, type AuditListResponse } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { auditKeys, auditPath, filterQuery, type AuditFilterValues } from './keys'

export type AuditLogVariables = { ref: string | undefined; filter: AuditFilterValues; cursor?: string; limit?: number }

export async function getAuditLog({ ref, filter, cursor, limit = 50 }: AuditLogVariables & { ref: string }): Promise<AuditListResponse> {
  return get(auditPath(ref), { query: { ...filterQuery(filter), cursor, limit }, schema: auditListResponseSchema })
}

/** One page of the project's audit log under the given filters (admins only). */
export function useAuditLogQuery({ ref, filter, cursor, limit }: AuditLogVariables) {
  return useSWR<AuditListResponse, ResponseError>(ref ? auditKeys.list(ref, filter, cursor) : null, () =>
    getAuditLog({ ref: ref as string, filter, cursor, limit })
  )
}
