import type { PgRowFilter, PgRowSort } from '@multibase/api-contracts'

export interface TableRowsParams {
  limit: number
  offset: number
  sort: PgRowSort[]
  filters: PgRowFilter[]
}

export const databaseKeys = {
  tables: (ref: string | undefined, connectionId: string | undefined) => ['pg-meta', ref, connectionId, 'tables'] as const,
  table: (ref: string | undefined, connectionId: string | undefined, id: number | undefined) =>
    ['pg-meta', ref, connectionId, 'tables', id] as const,
  tableRows: (ref: string | undefined, connectionId: string | undefined, id: number | undefined, params: TableRowsParams) =>
    ['pg-meta', ref, connectionId, 'tables', id, 'rows', JSON.stringify(params)] as const,
}

/** `/api/platform/pg-meta/<ref>/<rest>`: the Postgres routes of one project. */
export function pgMetaPath(ref: string, rest: string): string {
  return `/api/platform/pg-meta/${encodeURIComponent(ref)}/${rest}`
}

/** The `filter=column:op:value` text of the API (the value is everything after the second colon). */
export function filterParam(filter: PgRowFilter): string {
  const value = filter.operator === 'in' ? JSON.stringify(filter.value) : String(filter.value)
  return `${filter.column}:${filter.operator}:${value}`
}

/** `sort=a:asc,b:desc`. */
export function sortParam(sort: PgRowSort[]): string | undefined {
  return sort.length ? sort.map((item) => `${item.column}:${item.direction}`).join(',') : undefined
}
