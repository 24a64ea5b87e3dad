import { pgRowResultSchema, stringifyJson, type PgRowResult } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { put, type ResponseError } from '../fetchers'
import { keepCells } from './exact-values'
import { invalidateTableRows } from './invalidate'
import { pgMetaPath } from './keys'

export type TableRowUpdateVariables = {
  ref: string
  connectionId: string
  id: number
  /** The row's primary key values, as read. */
  pk: Record<string, unknown>
  values: Record<string, unknown>
}
export type TableRowUpdateData = PgRowResult

export async function updateTableRow({ ref, connectionId, id, pk, values }: TableRowUpdateVariables): Promise<TableRowUpdateData> {
  return put(pgMetaPath(ref, `tables/${id}/row`), { values }, { query: { connectionId, pk: stringifyJson(pk) }, schema: pgRowResultSchema, keepRaw: keepCells })
}

export function useTableRowUpdateMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<TableRowUpdateData, ResponseError, readonly string[], TableRowUpdateVariables>(
    ['pg-meta', 'row', 'update'],
    async (_key, { arg }) => {
      const updated = await updateTableRow(arg)
      await invalidateTableRows(mutate, arg.ref, arg.connectionId, arg.id)
      return updated
    }
  )
}
