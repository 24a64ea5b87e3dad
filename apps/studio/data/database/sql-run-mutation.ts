import { pgQueryResultSchema, type PgQueryResult } from '@multibase/api-contracts'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { keepCells, nullsAsNull } from './exact-values'
import { pgMetaPath } from './keys'

export type SqlRunVariables = { ref: string; connectionId: string; query: string; timeoutMs?: number }
export type SqlRunData = PgQueryResult

export async function runSql({ ref, connectionId, query, timeoutMs }: SqlRunVariables): Promise<SqlRunData> {
  const result = await post(pgMetaPath(ref, 'query'), { query, ...(timeoutMs ? { timeoutMs } : {}) }, { query: { connectionId }, schema: pgQueryResultSchema, keepRaw: keepCells })
  return { ...result, rows: result.rows.map(nullsAsNull) }
}

/** Runs SQL on the connection (a read_only member's SQL runs in a READ ONLY transaction, server-side). */
export function useSqlRunMutation() {
  return useSWRMutation<SqlRunData, ResponseError, readonly string[], SqlRunVariables>(['pg-meta', 'query'], (_key, { arg }) => runSql(arg))
}
