import type { Client } from 'pg'

import { statementTimeoutMs } from '../query-limits'

export interface CatalogQueryOptions {
  /**
   * Listings join every selected relation with its keys, comments and columns. On a database whose
   * catalogs were never analyzed the planner believes there are a few hundred relations and picks
   * nested loops that go quadratic on thousands of tables (seconds instead of milliseconds), so
   * listings plan with hash and merge joins only, with enough work_mem that the sorts and hashes of
   * tens of thousands of column rows stay in memory instead of spilling to disk. Single-object
   * lookups keep index nested loops.
   */
  listing: boolean
  /**
   * Run the query alone, outside a transaction and without the settings above: for pg_settings,
   * whose rows would otherwise show those transaction-local values instead of the session's.
   * Only for queries that read a small view once and cannot run long.
   */
  untouchedSettings?: boolean
}

/**
 * Catalog queries build their whole answer as one JSON document in Postgres (`json_agg`), so a
 * listing of thousands of tables is one round trip and reaches the client as one string that is
 * passed through to the HTTP response without being parsed and serialized again. They run in a
 * READ ONLY transaction with the server-side statement timeout.
 */
export async function runCatalogJsonQuery(
  client: Client,
  text: string,
  values: unknown[],
  options: CatalogQueryOptions = { listing: true }
): Promise<string> {
  if (options.untouchedSettings) {
    const result = await client.query<{ body: string | null }>({ text, values })
    return result.rows[0]?.body ?? '[]'
  }
  const timeout = Math.trunc(statementTimeoutMs())
  await client.query(
    `BEGIN READ ONLY; SET LOCAL statement_timeout = ${timeout}; SET LOCAL jit = off;${options.listing ? " SET LOCAL enable_nestloop = off; SET LOCAL work_mem = '64MB';" : ''}`
  )
  try {
    const result = await client.query<{ body: string | null }>({ text, values })
    await client.query('COMMIT')
    return result.rows[0]?.body ?? '[]'
  } catch (error) {
    await client.query('ROLLBACK').catch(() => client.end().catch(() => undefined))
    throw error
  }
}
