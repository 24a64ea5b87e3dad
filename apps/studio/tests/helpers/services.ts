/**
 * The real servers the suite runs against. Each URL can be overridden to run the suite against other
 * servers; defaults are the machine's local services (FerretDB speaks the MongoDB wire protocol).
 */
export const POSTGRES_ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
export const MONGODB_URL = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017'

export interface ServiceEndpoint {
  host: string
  port: number
  username?: string
  password?: string
  database?: string
}

export function endpointOf(url: string, defaultPort: number): ServiceEndpoint {
  const parsed = new URL(url)
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : defaultPort,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: parsed.pathname.replace(/^\//, '') || undefined,
  }
}

export const postgresEndpoint = () => endpointOf(POSTGRES_ADMIN_URL, 5432)
export const redisEndpoint = () => endpointOf(REDIS_URL, 6379)
export const mongodbEndpoint = () => endpointOf(MONGODB_URL, 27017)

/** A connection URL for another database of the test Postgres server. */
export function postgresUrlFor(database: string): string {
  const url = new URL(POSTGRES_ADMIN_URL)
  url.pathname = `/${database}`
  return url.toString()
}

/** Runs one statement as the test Postgres' admin (CREATE/DROP DATABASE of fixtures). */
export async function adminQuery(sql: string): Promise<void> {
  const { Client } = await import('pg')
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
