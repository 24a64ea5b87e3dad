import path from 'node:path'

import { Pool, type PoolClient, type QueryResultRow } from 'pg'

import { getEnv } from '../../env'
import { logger } from '../../logger'
import { processSingleton } from '../../singleton'

/**
 * The platform database: a real Postgres when DATABASE_URL is set, otherwise an embedded Postgres
 * (PGlite) kept in PLATFORM_DATA_DIR and served on a loopback socket so the very same `pg` code runs
 * against both. PGlite is one session — its socket multiplexer interleaves statements, not
 * transactions — so against it the pool has exactly one connection and every platform query, the job
 * queue's included, goes through it.
 */
export interface Queryable {
  query<T extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>
}

export interface PlatformDatabase extends Queryable {
  readonly embedded: boolean
  readonly pool: Pool
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

function wrapClient(client: Pool | PoolClient): Queryable {
  return {
    async query<T extends QueryResultRow>(text: string, params?: unknown[]) {
      const result = await client.query<T>(text, params as unknown[])
      return result.rows
    },
  }
}

async function startEmbeddedServer(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  const db = await PGlite.create(path.resolve(dataDir, 'platform-db'))
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 })
  await server.start()
  const address = server.getServerConn()
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop()
      await db.close()
    },
  }
}

async function createPlatformDatabase(): Promise<PlatformDatabase> {
  const env = getEnv()
  let connectionString = env.DATABASE_URL
  let stopEmbedded: (() => Promise<void>) | undefined
  if (!connectionString) {
    const embedded = await startEmbeddedServer(env.PLATFORM_DATA_DIR)
    connectionString = embedded.url
    stopEmbedded = embedded.stop
    logger.info('platform database: embedded Postgres (PGlite)', { dataDir: path.resolve(env.PLATFORM_DATA_DIR) })
  }
  const embedded = Boolean(stopEmbedded)
  const pool = new Pool({
    connectionString,
    max: embedded ? 1 : 10,
    idleTimeoutMillis: embedded ? 0 : 30_000,
    application_name: 'multibase-studio',
  })
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', (error) => logger.warn('platform database client error', { error: error.message }))

  return {
    embedded,
    pool,
    ...wrapClient(pool),
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(wrapClient(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    async close() {
      await pool.end()
      await stopEmbedded?.()
    },
  }
}

/** The process-wide platform database, started on first use. */
export function getPlatformDatabase(): Promise<PlatformDatabase> {
  return processSingleton('platform-database', () => createPlatformDatabase())
}
