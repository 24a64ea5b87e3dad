import { syncDirectionSchema, type SyncDirection, type SyncEndpoints } from '@multibase/api-contracts'

import { NotFoundError, ValidationError } from '../../database/errors'
import { withDatabaseClient } from '../../database/helpers'
import type { MongoDBClient } from '../../database/mongodb-client'
import type { PostgresClient } from '../../database/postgres-client'
import type { RedisClient } from '../../database/redis-client'
import type { ConnectionRow, ProjectRef } from '../../platform/connections'

export type SyncSide =
  | { type: 'postgres'; client: PostgresClient }
  | { type: 'redis'; client: RedisClient }
  | { type: 'mongodb'; client: MongoDBClient }

export interface SyncSides {
  direction: SyncDirection
  source: SyncSide
  target: SyncSide
}

function findConnection(project: ProjectRef & { connections: readonly ConnectionRow[] }, id: string): ConnectionRow {
  const row = project.connections.find((candidate) => candidate.id === id)
  // The same answer as for an id of another project: ids cannot be probed across projects.
  if (!row) throw new NotFoundError('Connection not found', 'CONNECTION_NOT_FOUND')
  return row
}

/**
 * Borrows a client for each side of a sync (both connections of this project) with the main login:
 * only developers and above reach here, and checks must see everything the sync would copy.
 */
export async function withSyncSides<R>(
  project: ProjectRef & { connections: readonly ConnectionRow[] },
  endpoints: SyncEndpoints,
  fn: (sides: SyncSides) => Promise<R>
): Promise<R> {
  const source = findConnection(project, endpoints.sourceConnectionId)
  const target = findConnection(project, endpoints.targetConnectionId)
  if (source.id === target.id) throw new ValidationError('Source and target must be different connections')
  const parsed = syncDirectionSchema.safeParse(`${source.database_type}->${target.database_type}`)
  if (!parsed.success) {
    throw new ValidationError(`A ${source.database_type} source cannot be synced into a ${target.database_type} target`, undefined, 'UNSUPPORTED_DIRECTION')
  }
  return withDatabaseClient(project, source.database_type, source.id, (sourceClient) =>
    withDatabaseClient(project, target.database_type, target.id, (targetClient) =>
      fn({
        direction: parsed.data,
        source: { type: source.database_type, client: sourceClient } as SyncSide,
        target: { type: target.database_type, client: targetClient } as SyncSide,
      })
    )
  )
}
