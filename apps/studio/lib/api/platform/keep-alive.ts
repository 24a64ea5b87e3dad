import type { KeepAliveStatus } from '@multibase/api-contracts'

import { getPlatformDatabase } from './database'

/** A platform.connection_keep_alive row as `to_jsonb` gives it (timestamps as text). */
export interface KeepAliveRow {
  connection_id: string
  project_id: string
  enabled: boolean
  interval_seconds: number
  next_run_at: string | null
  last_run_at: string | null
  last_success_at: string | null
  last_error: string | null
  last_error_at: string | null
  runs: number | string
}

/** SQL of the keep-alive row of connection `c` as JSON, embedded in the connection queries. */
export const KEEP_ALIVE_JSON = `(SELECT to_jsonb(k) FROM platform.connection_keep_alive k WHERE k.connection_id = c.id)`

const iso = (value: string | Date | null) => (value ? new Date(value).toISOString() : null)

export function toKeepAliveStatus(row: KeepAliveRow): KeepAliveStatus {
  return {
    enabled: row.enabled,
    intervalSeconds: row.interval_seconds,
    nextRunAt: row.enabled ? iso(row.next_run_at) : null,
    lastRunAt: iso(row.last_run_at),
    lastSuccessAt: iso(row.last_success_at),
    lastError: row.last_error,
    lastErrorAt: iso(row.last_error_at),
    runs: Number(row.runs),
  }
}

/** Turns keep-alive on (first run at once) or off; the counters of earlier runs stay. */
export async function setKeepAlive(
  projectId: string,
  connectionId: string,
  input: { enabled: boolean; intervalSeconds: number }
): Promise<KeepAliveStatus> {
  const db = await getPlatformDatabase()
  const rows = await db.query<KeepAliveRow>(
    `INSERT INTO platform.connection_keep_alive (connection_id, project_id, enabled, interval_seconds, next_run_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (connection_id) DO UPDATE
       SET enabled = excluded.enabled, interval_seconds = excluded.interval_seconds,
           next_run_at = CASE WHEN platform.connection_keep_alive.enabled AND excluded.enabled
                              THEN least(platform.connection_keep_alive.next_run_at, now() + excluded.interval_seconds * interval '1 second')
                              ELSE now() END,
           updated_at = now()
     RETURNING *`,
    [connectionId, projectId, input.enabled, input.intervalSeconds]
  )
  return toKeepAliveStatus(rows[0])
}

export interface DueKeepAlive {
  connection_id: string
  project_id: string
  organization_id: string
  database_type: 'postgres' | 'redis' | 'mongodb'
}

/**
 * Claims the keep-alive runs that are due and moves each one's next run a whole interval on, in one
 * statement: whichever instance's UPDATE gets a row runs it, any other instance's finds it no longer
 * due (SKIP LOCKED keeps them from waiting on each other). That makes one run per interval however
 * many instances tick, with the database's clock as the only clock.
 */
export async function claimDueKeepAlives(limit: number): Promise<DueKeepAlive[]> {
  const db = await getPlatformDatabase()
  return db.query<DueKeepAlive>(
    `UPDATE platform.connection_keep_alive k
        SET next_run_at = now() + k.interval_seconds * interval '1 second', last_run_at = now(), runs = k.runs + 1
       FROM platform.database_connections c JOIN platform.projects p ON p.id = c.project_id
      WHERE k.connection_id IN (SELECT connection_id FROM platform.connection_keep_alive
                                 WHERE enabled AND next_run_at <= now()
                                 ORDER BY next_run_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        AND k.enabled AND k.next_run_at <= now() AND c.id = k.connection_id
      RETURNING k.connection_id, k.project_id, p.organization_id, c.database_type`,
    [limit]
  )
}

/** Records how a run went; the error text is already redacted by the driver error mapping. */
export async function recordKeepAliveResult(connectionId: string, error: string | null): Promise<void> {
  const db = await getPlatformDatabase()
  if (error === null) {
    await db.query(`UPDATE platform.connection_keep_alive SET last_success_at = now() WHERE connection_id = $1`, [connectionId])
  } else {
    await db.query(
      `UPDATE platform.connection_keep_alive SET last_error = $2, last_error_at = now() WHERE connection_id = $1`,
      [connectionId, error.slice(0, 500)]
    )
  }
}
