import { pgRowResultSchema, stringifyJson, type PgRowResult } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { del, type ResponseError } from '../fetchers'
import { keepCells } from './exact-values'
import { invalidateTableRows } from './invalidate'
import { pgMetaPath } from './keys'

export type TableRowDeleteVariables = { ref: string; connectionId: string; id: number; pk: Record<string, unknown> }
export type TableRowDeleteData = PgRowResult

export async function deleteTableRow({ ref, connectionId, id, pk }: TableRowDeleteVariables): Promise<TableRowDeleteData> {
  return del(pgMetaPath(ref, `tables/${id}/row`), { query: { connectionId, pk: stringifyJson(pk) }, schema: pgRowResultSchema, keepRaw: keepCells })
}

export function useTableRowDeleteMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<TableRowDeleteData, ResponseError, readonly string[], TableRowDeleteVariables>(
    ['pg-meta', 'row', 'delete'],
    async (_key, { arg }) => {
      const deleted = await deleteTableRow(arg)
      await invalidateTableRows(mutate, arg.ref, arg.connectionId, arg.id)
      return deleted
    }
  )
}
