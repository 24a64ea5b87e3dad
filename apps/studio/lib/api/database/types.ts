import type { DatabaseType, MongoConnectionOptions, PostgresConnectionOptions, RedisConnectionOptions } from '@multibase/api-contracts'

/** What a client needs to connect; built from a `database_connections` row and its decrypted secret. */
export interface ResolvedConnectionConfig<Options = Record<string, unknown>> {
  type: DatabaseType
  /** The host as the user wrote it (TLS server name, messages). */
  host: string
  /** The checked address actually connected to (see host-guard). */
  address: string
  port: number
  username?: string
  password?: string
  options: Options
  connectTimeoutMs: number
}

export type RedisConfig = ResolvedConnectionConfig<RedisConnectionOptions>
export type MongoConfig = ResolvedConnectionConfig<MongoConnectionOptions>
export type PostgresConfig = ResolvedConnectionConfig<PostgresConnectionOptions>

export interface ServerInfo {
  version: string
  [key: string]: unknown
}

/**
 * One pooled connection to a user database. Engine code reaches the driver through `native`; the pool
 * uses the rest. `healthy` is a cheap local check (no round trip) used when a client is borrowed.
 */
export interface DatabaseClient<Native = unknown> {
  readonly type: DatabaseType
  readonly native: Native
  connect(): Promise<void>
  disconnect(): Promise<void>
  /** Round-trip latency in milliseconds. */
  ping(): Promise<number>
  getInfo(): Promise<ServerInfo>
  healthy(): boolean
}
