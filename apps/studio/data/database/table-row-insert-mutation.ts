import { pgRowResultSchema, type PgRowResult } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { keepCells } from './exact-values'
import { invalidateTableRows } from './invalidate'
import { pgMetaPath } from './keys'

export type TableRowInsertVariables = {
  ref: string
  connectionId: string
  id: number
  /** Columns left out take their default. */
  values: Record<string, unknown>
}
export type TableRowInsertData = PgRowResult

export async function insertTableRow({ ref, connectionId, id, values }: TableRowInsertVariables): Promise<TableRowInsertData> {
  return post(pgMetaPath(ref, `tables/${id}/row`), { values }, { query: { connectionId }, schema: pgRowResultSchema, keepRaw: keepCells })
}

export function useTableRowInsertMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<TableRowInsertData, ResponseError, readonly string[], TableRowInsertVariables>(
    ['pg-meta', 'row', 'insert'],
    async (_key, { arg }) => {
      const inserted = await insertTableRow(arg)
      await invalidateTableRows(mutate, arg.ref, arg.connectionId, arg.id)
      return inserted
    }
  )
}
