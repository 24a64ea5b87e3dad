import type { DatabaseType } from '@multibase/api-contracts'

import { getEnv } from '../../env'
import {
  getDatabaseConnection,
  readConnectionPassword,
  selectConnection,
  type ConnectionRow,
  type ProjectRef,
} from '../platform/connections'
import { resolveConnectHost } from './host-guard'
import type { MongoDBClient } from './mongodb-client'
import { getPoolManager, type PoolIdentity } from './pool-manager'
import type { PostgresClient } from './postgres-client'
import type { RedisClient } from './redis-client'
import type { DatabaseClient, ResolvedConnectionConfig } from './types'

export interface ClientByType {
  redis: RedisClient
  mongodb: MongoDBClient
  postgres: PostgresClient
}

/** Everything needed to connect: decrypts the password and resolves + checks the host. */
export async function resolveConnectionConfig(project: ProjectRef, row: ConnectionRow): Promise<ResolvedConnectionConfig> {
  return {
    type: row.database_type,
    host: row.host,
    address: await resolveConnectHost(row.host),
    port: row.port,
    username: row.username ?? undefined,
    password: await readConnectionPassword(project, row),
    options: row.options,
    connectTimeoutMs: getEnv().DB_CONNECT_TIMEOUT_MS,
  }
}

export function poolIdentity(project: ProjectRef, row: ConnectionRow): PoolIdentity {
  return {
    projectId: project.id,
    type: row.database_type,
    connectionId: row.id,
    version: new Date(row.updated_at).toISOString(),
  }
}

/**
 * The only way a handler reaches a user database: finds the connection (by id, else the project's
 * primary of this type), borrows a pooled client and always returns it. Errors come out mapped to the
 * error hierarchy with the connection's secrets redacted.
 */
export async function withDatabaseClient<T extends DatabaseType, R>(
  project: ProjectRef,
  type: T,
  connectionId: string | undefined,
  fn: (client: ClientByType[T], connection: ConnectionRow) => Promise<R>
): Promise<R> {
  const row = project.connections
    ? selectConnection(project.connections, type, connectionId)
    : await getDatabaseConnection(project, type, connectionId)
  return getPoolManager().withClient(
    poolIdentity(project, row),
    () => resolveConnectionConfig(project, row),
    (client: DatabaseClient) => fn(client as ClientByType[T], row)
  )
}
