import type { AdminStatus, AdminUsage } from '@multibase/api-contracts'

import { getEnv } from '../../env'
import { getPoolManager } from '../database/pool-manager'
import { getPlatformDatabase } from '../platform/database'
import { getInstanceId, listInstances } from '../platform/instances'

const countsBy = (rows: Array<{ key: string; count: string }>) =>
  Object.fromEntries(rows.map((row) => [row.key, Number(row.count)]))

/**
 * The platform database (reachable, latency), the job queue (jobs by state in platform.jobs, and
 * whether pg-boss's schema answers), this instance's pools and every instance's heartbeat.
 */
export async function getAdminStatus(): Promise<AdminStatus> {
  const db = await getPlatformDatabase()
  let latencyMs: number | null = null
  let databaseOk = true
  try {
    const started = performance.now()
    await db.query('SELECT 1')
    latencyMs = Math.round((performance.now() - started) * 10) / 10
  } catch {
    databaseOk = false
  }
  let queueOk = false
  let jobs: Record<string, number> = {}
  let instances: AdminStatus['instances'] = []
  if (databaseOk) {
    const [jobRows, boss, instanceRows] = await Promise.all([
      db.query<{ key: string; count: string }>(`SELECT state AS key, count(*)::text AS count FROM platform.jobs GROUP BY state`),
      db.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'pgboss' LIMIT 1`),
      listInstances(),
    ])
    jobs = countsBy(jobRows)
    queueOk = boss.length > 0
    const self = getInstanceId()
    instances = instanceRows.map((row) => ({
      id: row.id,
      host: row.host,
      pid: row.pid,
      version: row.version,
      startedAt: new Date(row.started_at).toISOString(),
      heartbeatAt: new Date(row.heartbeat_at).toISOString(),
      alive: row.alive,
      current: row.id === self,
    }))
  }
  const pools = getPoolManager()
    .stats()
    .map(({ key, type, size, available, borrowed, pending }) => ({ key, type, size, available, borrowed, pending }))
  return {
    status: databaseOk && queueOk ? 'ok' : 'degraded',
    platformDatabase: { ok: databaseOk, embedded: db.embedded, latencyMs },
    queue: { ok: queueOk, jobs },
    pools,
    instances,
    heartbeatIntervalMs: getEnv().INSTANCE_HEARTBEAT_INTERVAL_MS,
  }
}

/** Platform-wide totals: tenants, connections per engine, keep-alives, live sessions, jobs, today's calls. */
export async function getAdminUsage(): Promise<AdminUsage> {
  const db = await getPlatformDatabase()
  const [totals, connections, jobs] = await Promise.all([
    db.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM platform.organizations)::text AS organizations,
              (SELECT count(*) FROM platform.projects)::text AS projects,
              (SELECT count(*) FROM (SELECT user_id FROM platform.members UNION SELECT user_id FROM platform.organization_members) u)::text AS users,
              (SELECT count(*) FROM platform.connection_keep_alive WHERE enabled)::text AS keep_alive,
              (SELECT count(*) FROM platform.sessions WHERE revoked_at IS NULL AND expires_at > now())::text AS sessions,
              (SELECT coalesce(sum(count), 0) FROM platform.request_stats WHERE day = current_date)::text AS requests,
              (SELECT coalesce(sum(errors), 0) FROM platform.request_stats WHERE day = current_date)::text AS errors`
    ),
    db.query<{ key: string; count: string }>(
      `SELECT database_type::text AS key, count(*)::text AS count FROM platform.database_connections GROUP BY database_type`
    ),
    db.query<{ key: string; count: string }>(`SELECT state AS key, count(*)::text AS count FROM platform.jobs GROUP BY state`),
  ])
  const row = totals[0]
  return {
    organizations: Number(row.organizations),
    projects: Number(row.projects),
    users: Number(row.users),
    connections: countsBy(connections),
    keepAliveConnections: Number(row.keep_alive),
    activeSessions: Number(row.sessions),
    jobs: countsBy(jobs),
    requestsToday: Number(row.requests),
    errorsToday: Number(row.errors),
  }
}
