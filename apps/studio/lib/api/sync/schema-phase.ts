import type { SyncScope } from '@multibase/api-contracts'
import type { ClientBase } from 'pg'

import { withDatabaseClient } from '../database/helpers'
import type { PostgresClient } from '../database/postgres-client'
import type { ProjectRef } from '../platform/connections'

interface MigrationStatement {
  sql: string
  object: string
  kind: string
}
type GenerateMigration = (input: { source: ClientBase; target: ClientBase; scope: SyncScope }) => Promise<{
  statements: MigrationStatement[]
  postData: MigrationStatement[]
}>

/**
 * The DDL generator of the schema checks (lib/api/sync/schema/generate-migration.ts) is built beside
 * this engine; it is loaded when a schema mode runs, so data-only syncs never depend on it.
 */
async function loadGenerator(): Promise<GenerateMigration> {
  const modulePath = './schema/generate-migration'
  const loaded = (await import(modulePath)) as { generateMigration: GenerateMigration }
  return loaded.generateMigration
}

/** Runs the generated statements of one phase (`statements` before data, `postData` after) in one target transaction. */
export async function applySchemaPhase(
  project: ProjectRef,
  endpoints: { sourceConnectionId: string; targetConnectionId: string; scope: SyncScope },
  phase: 'statements' | 'postData'
): Promise<number> {
  const generateMigration = await loadGenerator()
  return withDatabaseClient(project, 'postgres', endpoints.sourceConnectionId, (source: PostgresClient) =>
    withDatabaseClient(project, 'postgres', endpoints.targetConnectionId, async (target: PostgresClient) => {
      const migration = await generateMigration({ source: source.native, target: target.native, scope: endpoints.scope })
      await target.native.query('BEGIN')
      try {
        for (const statement of migration[phase]) await target.native.query(statement.sql)
        await target.native.query('COMMIT')
      } catch (error) {
        await target.native.query('ROLLBACK').catch(() => undefined)
        throw error
      }
      return migration[phase].length
    })
  )
}
