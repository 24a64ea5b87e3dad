import { pgRowsResultSchema, type PgRowsResult } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { keepCells, nullsAsNull } from './exact-values'
import { databaseKeys, filterParam, pgMetaPath, sortParam, type TableRowsParams } from './keys'

export type TableRowsVariables = { ref: string | undefined; connectionId: string | undefined; id: number | undefined; params: TableRowsParams }
export type TableRowsData = PgRowsResult

export async function getTableRows({ ref, connectionId, id, params }: { ref: string; connectionId: string; id: number; params: TableRowsParams }) {
  // `filter` repeats, which the fetcher's query object cannot express; it goes in the path.
  const search = new URLSearchParams()
  for (const filter of params.filters) search.append('filter', filterParam(filter))
  const path = pgMetaPath(ref, `tables/${id}/rows`) + (search.size ? `?${search.toString()}` : '')
  const page = await get(path, {
    query: { connectionId, limit: params.limit, offset: params.offset, sort: sortParam(params.sort) },
    schema: pgRowsResultSchema,
    keepRaw: keepCells,
  })
  return { ...page, rows: page.rows.map(nullsAsNull) }
}

/** One page of a table's rows, sorted and filtered by the server. The previous page stays shown while the next loads. */
export function useTableRowsQuery({ ref, connectionId, id, params }: TableRowsVariables) {
  return useSWR<TableRowsData, ResponseError>(
    ref && connectionId && id ? databaseKeys.tableRows(ref, connectionId, id, params) : null,
    () => getTableRows({ ref: ref as string, connectionId: connectionId as string, id: id as number, params }),
    { keepPreviousData: true }
  )
}
