import { syncDirectionSchema, type DatabaseType, type SyncDirection, type SyncEndpoints } from '@multibase/api-contracts'

import { NotFoundError, ValidationError } from '../../database/errors'
import { withDatabaseClient } from '../../database/helpers'
import type { MongoDBClient } from '../../database/mongodb-client'
import type { PostgresClient } from '../../database/postgres-client'
import type { RedisClient } from '../../database/redis-client'
import { getDatabaseConnection, type ConnectionRow, type ProjectRef } from '../../platform/connections'

export type SyncSide =
  | { type: 'postgres'; client: PostgresClient }
  | { type: 'redis'; client: RedisClient }
  | { type: 'mongodb'; client: MongoDBClient }

export interface SyncSides {
  direction: SyncDirection
  source: SyncSide
  target: SyncSide
}

const ENGINES: DatabaseType[] = ['postgres', 'mongodb', 'redis']

/**
 * The connection's row, from the rows read with the caller's access when it is there, else from the
 * platform database (a connection added since that access was cached).
 */
async function findConnection(project: ProjectRef, id: string): Promise<ConnectionRow> {
  const cached = project.connections?.find((candidate) => candidate.id === id)
  if (cached) return cached
  const bare = { id: project.id, organizationId: project.organizationId }
  for (const type of ENGINES) {
    const row = await getDatabaseConnection(bare, type, id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined
      throw error
    })
    if (row) return row
  }
  // The same answer as for an id of another project: ids cannot be probed across projects.
  throw new NotFoundError('Connection not found', 'CONNECTION_NOT_FOUND')
}

/**
 * Borrows a client for each side of a sync (both connections of this project) with the main login:
 * only developers and above reach here, and checks must see everything the sync would copy.
 */
export async function withSyncSides<R>(
  project: ProjectRef,
  endpoints: SyncEndpoints,
  fn: (sides: SyncSides) => Promise<R>
): Promise<R> {
  const source = await findConnection(project, endpoints.sourceConnectionId)
  const target = await findConnection(project, endpoints.targetConnectionId)
  if (source.id === target.id) throw new ValidationError('Source and target must be different connections')
  const parsed = syncDirectionSchema.safeParse(`${source.database_type}->${target.database_type}`)
  if (!parsed.success) {
    throw new ValidationError(`A ${source.database_type} source cannot be synced into a ${target.database_type} target`, undefined, 'UNSUPPORTED_DIRECTION')
  }
  // Without the cached rows, so each side's row is read fresh (a connection edited a moment ago).
  const fresh = { id: project.id, organizationId: project.organizationId }
  return withDatabaseClient(fresh, source.database_type, source.id, (sourceClient) =>
    withDatabaseClient(fresh, target.database_type, target.id, (targetClient) =>
      fn({
        direction: parsed.data,
        source: { type: source.database_type, client: sourceClient } as SyncSide,
        target: { type: target.database_type, client: targetClient } as SyncSide,
      })
    )
  )
}
