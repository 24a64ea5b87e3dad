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
import { ForbiddenError } from './errors'
import { assertClientReadOnly } from './postgres/read-only-login'
import { getPoolManager, type ConnectionLogin, type PoolIdentity } from './pool-manager'
import type { PostgresClient } from './postgres-client'
import type { RedisClient } from './redis-client'
import type { DatabaseClient, ResolvedConnectionConfig } from './types'

export interface ClientByType {
  redis: RedisClient
  mongodb: MongoDBClient
  postgres: PostgresClient
}

/**
 * Everything needed to connect as one of the connection's logins: decrypts that login's password and
 * resolves + checks the host (the read-only login goes through the same host guard).
 */
export async function resolveConnectionConfig(
  project: ProjectRef,
  row: ConnectionRow,
  login: ConnectionLogin = 'main'
): Promise<ResolvedConnectionConfig> {
  const readOnly = login === 'read_only'
  return {
    type: row.database_type,
    host: row.host,
    address: await resolveConnectHost(row.host),
    port: row.port,
    username: (readOnly ? row.read_only_username : row.username) ?? undefined,
    password: await readConnectionPassword(project, row, readOnly ? 'read_only_password' : 'password'),
    options: row.options,
    connectTimeoutMs: getEnv().DB_CONNECT_TIMEOUT_MS,
  }
}

/** Rows come from the access cache, the same object on every warm request: format the time once. */
const rowVersions = new WeakMap<ConnectionRow, string>()

function rowVersion(row: ConnectionRow): string {
  let version = rowVersions.get(row)
  if (version === undefined) rowVersions.set(row, (version = new Date(row.updated_at).toISOString()))
  return version
}

export function poolIdentity(project: ProjectRef, row: ConnectionRow, login: ConnectionLogin = 'main'): PoolIdentity {
  return {
    projectId: project.id,
    type: row.database_type,
    connectionId: row.id,
    ...(login === 'read_only' ? { login } : {}),
    version: rowVersion(row),
  }
}

/** How a read_only member's Postgres work is refused when the connection has no read-only login. */
export const READ_ONLY_LOGIN_REQUIRED_MESSAGE =
  'read_only members run SQL and read rows under a read-only login of this connection, and it has none. ' +
  'An admin can create one on the server, e.g. ' +
  "CREATE ROLE studio_ro LOGIN PASSWORD '…'; GRANT pg_read_all_data TO studio_ro; " +
  'and add it in Settings → Connections (read-only username and password).'

/**
 * The only way a handler reaches a user database: finds the connection (by id, else the project's
 * primary of this type), borrows a pooled client and always returns it. Errors come out mapped to the
 * error hierarchy with the connection's secrets redacted.
 */
export async function withDatabaseClient<T extends DatabaseType, R>(
  project: ProjectRef,
  type: T,
  connectionId: string | undefined,
  fn: (client: ClientByType[T], connection: ConnectionRow) => Promise<R>,
  options: { login?: ConnectionLogin; onConnection?: (connection: ConnectionRow) => void } = {}
): Promise<R> {
  const login = options.login ?? 'main'
  const row = project.connections
    ? selectConnection(project.connections, type, connectionId)
    : await getDatabaseConnection(project, type, connectionId)
  options.onConnection?.(row)
  if (login === 'read_only' && !row.read_only_username) {
    throw new ForbiddenError(READ_ONLY_LOGIN_REQUIRED_MESSAGE, 'READ_ONLY_LOGIN_REQUIRED')
  }
  return getPoolManager().withClient(
    poolIdentity(project, row, login),
    () => resolveConnectionConfig(project, row, login),
    (client: DatabaseClient) => fn(client as ClientByType[T], row),
    login === 'read_only' ? (client) => assertClientReadOnly((client as PostgresClient).native) : undefined
  )
}

/**
 * The Postgres login a member's SQL and row reads run under: read_only members use the connection's
 * read-only login, so the database itself refuses what a superuser main login would allow.
 */
export const postgresLoginFor = (role: string): ConnectionLogin => (role === 'read_only' ? 'read_only' : 'main')
