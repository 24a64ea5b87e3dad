import { getEnv } from '../env'
import { logger } from '../logger'
import { processSingleton } from '../singleton'
import { toDatabaseError } from './apiWrapper'
import { withDatabaseClient } from './database/helpers'
import { claimDueKeepAlives, recordKeepAliveResult, type DueKeepAlive } from './platform/keep-alive'

const BATCH = 20

interface SchedulerState {
  timer?: NodeJS.Timeout
  running?: Promise<void>
}

const state = () => processSingleton('keep-alive-scheduler', (): SchedulerState => ({}))

/** One trivial read (SELECT 1 / PING / ping command) through the connection's pool. */
async function runKeepAlive(due: DueKeepAlive): Promise<void> {
  let error: string | null = null
  try {
    const project = { id: due.project_id, organizationId: due.organization_id }
    await withDatabaseClient(project, due.database_type, due.connection_id, (client) => client.ping())
  } catch (raw) {
    error = toDatabaseError(raw).message
  }
  await recordKeepAliveResult(due.connection_id, error)
}

async function tick(): Promise<void> {
  try {
    for (;;) {
      const due = await claimDueKeepAlives(BATCH)
      await Promise.all(due.map(runKeepAlive))
      if (due.length < BATCH) return
    }
  } catch (error) {
    logger.warn('keep-alive tick failed', { error: (error as Error).message })
  }
}

/**
 * Every instance ticks; the claim in the platform database decides which one runs a due keep-alive,
 * so adding instances adds no runs. A tick never overlaps the previous one on the same instance.
 */
export function startKeepAliveScheduler(): void {
  const current = state()
  if (current.timer) return
  current.timer = setInterval(() => {
    if (current.running) return
    current.running = tick().finally(() => (current.running = undefined))
  }, getEnv().KEEP_ALIVE_TICK_MS)
  current.timer.unref()
}

export async function stopKeepAliveScheduler(): Promise<void> {
  const current = state()
  clearInterval(current.timer)
  current.timer = undefined
  await current.running
}
