import { Client } from 'pg'

import type { DatabaseClient, PostgresConfig, ServerInfo } from './types'

/**
 * The session settings every value the API reads depends on, fixed at connect time so neither a
 * role's nor a database's defaults change them: timestamptz in UTC, ISO dates, Postgres intervals,
 * floats in their shortest exact form, bytea as hex. They are the session's defaults, so the
 * DISCARD ALL after each SQL run returns to them.
 */
export const POSTGRES_SESSION_OPTIONS = '-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=1 -c bytea_output=hex'

/** A single `pg` connection; the pool manager pools these. */
export class PostgresClient implements DatabaseClient<Client> {
  readonly type = 'postgres' as const
  readonly native: Client
  private broken = false

  constructor(config: PostgresConfig) {
    const tls = config.options.tls
    this.native = new Client({
      host: config.address,
      port: config.port,
      user: config.username || 'postgres',
      password: config.password,
      database: config.options.database ?? 'postgres',
      ssl: tls?.enabled ? { servername: tls.servername ?? config.host, rejectUnauthorized: tls.rejectUnauthorized } : false,
      connectionTimeoutMillis: config.connectTimeoutMs,
      application_name: 'multibase-studio',
      options: POSTGRES_SESSION_OPTIONS,
    })
    // A connection that dies while idle emits 'error'; mark it so the pool drops it on next borrow.
    this.native.on('error', () => {
      this.broken = true
    })
    this.native.on('end', () => {
      this.broken = true
    })
  }

  async connect() {
    await this.native.connect()
  }

  async disconnect() {
    this.broken = true
    await this.native.end().catch(() => undefined)
  }

  async ping() {
    const started = performance.now()
    await this.native.query('SELECT 1')
    return performance.now() - started
  }

  async getInfo(): Promise<ServerInfo> {
    const result = await this.native.query<{ server_version: string }>('SHOW server_version')
    return { version: result.rows[0]?.server_version ?? 'unknown' }
  }

  healthy() {
    return !this.broken
  }
}
