import { pgTableSchema, type PgTable } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { databaseKeys, pgMetaPath } from './keys'

export type TablesVariables = { ref: string | undefined; connectionId: string | undefined }
/** Tables of every schema, without their columns (a schema of thousands of tables stays a small body). */
export type TablesData = PgTable[]

export async function getTables({ ref, connectionId }: { ref: string; connectionId: string }): Promise<TablesData> {
  return get(pgMetaPath(ref, 'tables'), {
    query: { connectionId, include_columns: false },
    schema: pgTableSchema.array(),
  })
}

/** All user tables of the connection's database; the schema picker and the table list read from it. */
export function useTablesQuery({ ref, connectionId }: TablesVariables) {
  return useSWR<TablesData, ResponseError>(ref && connectionId ? databaseKeys.tables(ref, connectionId) : null, () =>
    getTables({ ref: ref as string, connectionId: connectionId as string })
  )
}
