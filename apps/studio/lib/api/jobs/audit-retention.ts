import { getEnv } from '../../env'
import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import { getPlatformDatabase } from '../platform/database'

/** Rows deleted per statement: short statements keep locks and WAL bursts small on a big table. */
const DELETE_BATCH_ROWS = 5000

interface RetentionState {
  timer?: NodeJS.Timeout
  running: boolean
}

const retentionState = () => processSingleton('audit-retention', (): RetentionState => ({ running: false }))

/**
 * Claims the current retention interval for this instance: the slot is computed from the platform
 * database's clock (instances' clocks may differ) and the primary key lets exactly one instance insert
 * it, so the purge runs once per interval however many instances tick. Returns the slot, or null when
 * another instance already has it.
 */
async function claimRetentionSlot(intervalMs: number): Promise<string | null> {
  const db = await getPlatformDatabase()
  const rows = await db.query<{ slot: string }>(
    `INSERT INTO platform.audit_retention_runs (interval_ms, slot)
     SELECT $1::bigint, floor(extract(epoch FROM clock_timestamp()) * 1000 / $1::bigint)::bigint
     ON CONFLICT DO NOTHING
     RETURNING slot::text AS slot`,
    [intervalMs]
  )
  return rows[0]?.slot ?? null
}

/** Deletes audit rows older than `days`, batch by batch; returns how many went. */
export async function purgeAuditRows(days: number): Promise<number> {
  const db = await getPlatformDatabase()
  let deleted = 0
  for (;;) {
    const rows = await db.query<{ n: number }>(
      `WITH doomed AS (
         SELECT id FROM platform.audit_log
          WHERE created_at < now() - make_interval(days => $1::int)
          ORDER BY created_at, id
          LIMIT ${DELETE_BATCH_ROWS}
       ), gone AS (
         DELETE FROM platform.audit_log WHERE id IN (SELECT id FROM doomed) RETURNING 1
       )
       SELECT count(*)::int AS n FROM gone`,
      [days]
    )
    const n = rows[0]?.n ?? 0
    deleted += n
    if (n < DELETE_BATCH_ROWS) return deleted
  }
}

async function runRetentionTick(): Promise<void> {
  const { AUDIT_RETENTION_DAYS, AUDIT_RETENTION_INTERVAL_MS } = getEnv()
  const slot = await claimRetentionSlot(AUDIT_RETENTION_INTERVAL_MS)
  if (slot === null) return
  const deleted = await purgeAuditRows(AUDIT_RETENTION_DAYS)
  const db = await getPlatformDatabase()
  await db.query(
    `UPDATE platform.audit_retention_runs SET finished_at = now(), deleted = $3 WHERE interval_ms = $1 AND slot = $2`,
    [AUDIT_RETENTION_INTERVAL_MS, slot, deleted]
  )
  // Runs older than a day say nothing the log line did not; the table stays small.
  await db.query(`DELETE FROM platform.audit_retention_runs WHERE started_at < now() - interval '1 day'`)
  if (deleted > 0) logger.info('audit retention purged rows', { deleted, days: AUDIT_RETENTION_DAYS })
}

/**
 * Every instance ticks four times per AUDIT_RETENTION_INTERVAL_MS (so no interval goes unclaimed
 * when a timer drifts) and the first tick of each interval, on whichever instance, purges. A purge
 * cut short by a crash leaves the rest to the next interval: deleting by age is idempotent.
 * AUDIT_RETENTION_DAYS=0 keeps the log forever.
 */
export function startAuditRetention(): void {
  const { AUDIT_RETENTION_DAYS, AUDIT_RETENTION_INTERVAL_MS } = getEnv()
  const state = retentionState()
  if (state.timer || AUDIT_RETENTION_DAYS === 0) return
  const tick = () => {
    if (state.running) return
    state.running = true
    runRetentionTick()
      .catch((error) => logger.warn('audit retention failed', { error: (error as Error).message }))
      .finally(() => (state.running = false))
  }
  state.timer = setInterval(tick, Math.max(50, Math.floor(AUDIT_RETENTION_INTERVAL_MS / 4)))
  state.timer.unref()
  tick()
}

export function stopAuditRetention(): void {
  const state = retentionState()
  if (state.timer) clearInterval(state.timer)
  state.timer = undefined
}
