import type { Client, QueryArrayConfig, QueryResult } from 'pg'

import { mapDriverError } from '../driver-errors'
import { explorerErrorFrom } from './explorer-errors'
import { textValueTypes } from './codecs/text-values'

/** `asText`: rows as arrays of Postgres text, for the value codecs; else parsed objects (internal queries). */
export type RunStatement = (text: string, values: unknown[], asText?: boolean) => Promise<QueryResult>

/**
 * Runs the explorer's statements in one transaction with a server-side statement timeout, so a
 * sort over a huge unindexed table is cancelled rather than left running, and a failed write
 * leaves nothing behind.
 */
export async function inTransaction<T>(
  client: Client,
  options: { timeoutMs: number; readOnly: boolean },
  fn: (run: RunStatement) => Promise<T>
): Promise<T> {
  let lastSql = ''
  const run: RunStatement = (text, values, asText = false) => {
    lastSql = text
    if (!asText) return client.query({ text, values })
    return client.query({ text, values, types: textValueTypes, rowMode: 'array' } as QueryArrayConfig)
  }
  await client.query(options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN')
  try {
    await client.query("SELECT pg_catalog.set_config('statement_timeout', $1, true)", [String(options.timeoutMs)])
    const result = await fn(run)
    await client.query('COMMIT')
    return result
  } catch (error) {
    try {
      await client.query('ROLLBACK')
    } catch {
      await client.end().catch(() => undefined)
    }
    throw explorerErrorFrom(error, lastSql) ?? mapDriverError('postgres', error)
  }
}
