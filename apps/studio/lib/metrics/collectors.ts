import { Gauge } from 'prom-client'

import { getPoolManager } from '../api/database/pool-manager'
import { getPlatformDatabase } from '../api/platform/database'
import { logger } from '../logger'
import { processSingleton } from '../singleton'
import { getMetrics } from './registry'

/**
 * Gauges read at scrape time from the state that already exists (the pools, the jobs table), so
 * nothing has to be kept in step by hand. Registered once per process.
 */
export function registerScrapeCollectors(): void {
  processSingleton('metrics-collectors', () => {
    const { registry } = getMetrics()
    new Gauge({
      name: 'multibase_pool_clients',
      help: 'Clients of each connection pool on this instance: size, borrowed, pending (waiting callers), max',
      labelNames: ['engine', 'connection_id', 'login', 'state'] as const,
      registers: [registry],
      collect() {
        this.reset()
        for (const pool of getPoolManager().stats()) {
          // The connection id is a server-made UUID, one per configured connection: bounded.
          const labels = { engine: pool.type, connection_id: pool.connectionId, login: pool.key.endsWith(':read_only') ? 'read_only' : 'main' }
          this.inc({ ...labels, state: 'size' }, pool.size)
          this.inc({ ...labels, state: 'borrowed' }, pool.borrowed)
          this.inc({ ...labels, state: 'pending' }, pool.pending)
          this.inc({ ...labels, state: 'max' }, pool.max)
        }
      },
    })
    new Gauge({
      name: 'multibase_jobs',
      help: 'Jobs in the platform database by kind and state (shared by all instances)',
      labelNames: ['kind', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset()
        try {
          const db = await getPlatformDatabase()
          const rows = await db.query<{ kind: string; state: string; count: string }>(
            'SELECT kind, state, count(*)::text AS count FROM platform.jobs GROUP BY kind, state'
          )
          for (const row of rows) this.set({ kind: row.kind, state: row.state }, Number(row.count))
        } catch (error) {
          // A scrape during a platform DB outage still returns the other metrics.
          logger.warn('job metrics unavailable', { error: (error as Error).message })
        }
      },
    })
    return true
  })
}
