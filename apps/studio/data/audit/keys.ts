import type { AuditListQuery } from '@multibase/api-contracts'

/** The filters the UI sends: every field a string, empty meaning "no filter". */
export type AuditFilterValues = Omit<AuditListQuery, 'ref' | 'limit' | 'cursor'>

export const auditKeys = {
  list: (ref: string | undefined, filter: AuditFilterValues, cursor: string | undefined) => ['audit', ref, filter, cursor ?? ''] as const,
}

/** `/api/platform/projects/<ref>/audit[/export]`. */
export function auditPath(ref: string, rest: '' | '/export' = ''): string {
  return `/api/platform/projects/${encodeURIComponent(ref)}/audit${rest}`
}

/** Only the filled-in filters go on the URL. */
export function filterQuery(filter: AuditFilterValues): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''))
}
