import type pg from 'pg'

import type { MigrationStatementOut } from './generate-migration'

/**
 * Runs the statements in one transaction: either the target gets the whole schema change or none
 * of it. DDL takes locks, so a lock wait is bounded rather than holding the request open forever.
 */
export async function applyMigration(client: pg.ClientBase, statements: readonly MigrationStatementOut[]): Promise<void> {
  await client.query("BEGIN; SET LOCAL lock_timeout = '10s'")
  try {
    for (const statement of statements) await client.query(statement.sql)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
