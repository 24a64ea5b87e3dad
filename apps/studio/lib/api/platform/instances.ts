import { hostname } from 'node:os'

import { getEnv } from '../../env'
import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import packageJson from '../../../package.json'
import { getWorkerId } from '../jobs/worker-id'
import { getPlatformDatabase } from './database'

interface HeartbeatState {
  timer?: NodeJS.Timeout
  startedAt: Date
}

const state = () => processSingleton('instance-heartbeat', (): HeartbeatState => ({ startedAt: new Date() }))

/** This instance's id: the job worker id (host, pid and a random part), so the two always agree. */
export const getInstanceId = (): string => getWorkerId()

async function beat(): Promise<void> {
  const db = await getPlatformDatabase()
  await db.query(
    `INSERT INTO platform.instances (id, host, pid, version, started_at, heartbeat_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
    [getInstanceId(), hostname(), process.pid, packageJson.version, state().startedAt]
  )
}

/** Upserts this instance's row now and then every INSTANCE_HEARTBEAT_INTERVAL_MS. */
export async function startInstanceHeartbeat(): Promise<void> {
  const current = state()
  if (current.timer) return
  await beat()
  current.timer = setInterval(() => {
    beat().catch((error) => logger.warn('instance heartbeat failed', { error: (error as Error).message }))
  }, getEnv().INSTANCE_HEARTBEAT_INTERVAL_MS)
  current.timer.unref()
}

/** On shutdown the row goes: a drained instance is gone, not dead. */
export async function stopInstanceHeartbeat(): Promise<void> {
  const current = state()
  clearInterval(current.timer)
  current.timer = undefined
  const db = await getPlatformDatabase()
  await db.query('DELETE FROM platform.instances WHERE id = $1', [getInstanceId()]).catch(() => undefined)
}

export interface InstanceRow {
  id: string
  host: string
  pid: number
  version: string
  started_at: Date
  heartbeat_at: Date
  alive: boolean
}

/**
 * Every instance that beat in the last day; alive while its heartbeat is within three intervals (by
 * the database's clock). Older rows (a crashed instance) are dropped on the way.
 */
export async function listInstances(): Promise<InstanceRow[]> {
  const db = await getPlatformDatabase()
  await db.query(`DELETE FROM platform.instances WHERE heartbeat_at < now() - interval '1 day'`)
  return db.query<InstanceRow>(
    `SELECT id, host, pid, version, started_at, heartbeat_at,
            heartbeat_at >= now() - 3 * $1 * interval '1 millisecond' AS alive
       FROM platform.instances ORDER BY started_at`,
    [getEnv().INSTANCE_HEARTBEAT_INTERVAL_MS]
  )
}
