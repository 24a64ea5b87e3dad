import type { DatabaseType } from '@multibase/api-contracts'

export const ENGINES: DatabaseType[] = ['postgres', 'redis', 'mongodb']

export const ENGINE_LABELS: Record<DatabaseType, string> = {
  postgres: 'PostgreSQL',
  redis: 'Redis',
  mongodb: 'MongoDB',
}

export const DEFAULT_PORTS: Record<DatabaseType, number> = { postgres: 5432, redis: 6379, mongodb: 27017 }

/** Settings → Connections, opened on one engine's tab (and optionally with the add panel open). */
export function connectionsSettingsHref(ref: string, type: DatabaseType, options: { add?: boolean } = {}) {
  return `/project/${ref}/settings/connections?engine=${type}${options.add ? '&add=1' : ''}`
}

/** The engine-specific option worth a glance in a list (database index, database name). */
export function describeOptions(type: DatabaseType, options: Record<string, unknown>): string {
  const tls = (options.tls as { enabled?: boolean } | undefined)?.enabled ? ' · TLS' : ''
  if (type === 'redis') return `db ${typeof options.db === 'number' ? options.db : 0}${tls}`
  if (type === 'postgres') return `${typeof options.database === 'string' ? options.database : 'postgres'}${tls}`
  const parts = [typeof options.database === 'string' ? options.database : undefined, typeof options.replicaSet === 'string' ? `rs ${options.replicaSet}` : undefined]
  return (parts.filter(Boolean).join(' · ') || 'default database') + tls
}
