import type { SyncScope } from '@multibase/api-contracts'

import { withDatabaseClient } from '../database/helpers'
import type { PostgresClient } from '../database/postgres-client'
import type { ProjectRef } from '../platform/connections'
import { generateMigration } from './schema/generate-migration'

/** Runs the generated statements of one phase (`statements` before data, `postData` after) in one target transaction. */
export async function applySchemaPhase(
  project: ProjectRef,
  endpoints: { sourceConnectionId: string; targetConnectionId: string; scope: SyncScope },
  phase: 'statements' | 'postData'
): Promise<number> {
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
