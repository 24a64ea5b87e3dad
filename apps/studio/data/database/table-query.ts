import { pgTableSchema, type PgTable } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { databaseKeys, pgMetaPath } from './keys'

export type TableVariables = { ref: string | undefined; connectionId: string | undefined; id: number | undefined }
export type TableData = PgTable

export async function getTable({ ref, connectionId, id }: { ref: string; connectionId: string; id: number }): Promise<TableData> {
  return get(pgMetaPath(ref, `tables/${id}`), { query: { connectionId }, schema: pgTableSchema })
}

/** One table with its columns (defaults, identity, nullability: what the insert form needs). */
export function useTableQuery({ ref, connectionId, id }: TableVariables) {
  return useSWR<TableData, ResponseError>(ref && connectionId && id ? databaseKeys.table(ref, connectionId, id) : null, () =>
    getTable({ ref: ref as string, connectionId: connectionId as string, id: id as number })
  )
}
