import { getEnv } from '../../env'
import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import { claimStaleJob } from '../platform/jobs'
import { localRunCount } from './local-runs'
import { runClaimedJob } from './run'
import type { JobDefinition } from './types'
import { getWorkerId } from './worker-id'

interface SweeperState {
  timer?: NodeJS.Timeout
  sweeping: boolean
}

const sweeperState = () => processSingleton('job-sweeper', (): SweeperState => ({ sweeping: false }))

/**
 * Takes over, up to this instance's free capacity per kind, the jobs whose worker is gone (handed
 * back on shutdown, or silent past JOB_STALE_AFTER_MS) and runs them from their checkpoint. pg-boss
 * still shows such a job `active` on the dead worker; platform.jobs, not pg-boss, says who holds it.
 */
async function sweep(definitions: JobDefinition<unknown>[]): Promise<void> {
  const { JOB_STALE_AFTER_MS } = getEnv()
  for (const definition of definitions) {
    while (localRunCount(definition.kind) < definition.concurrency) {
      const job = await claimStaleJob(getWorkerId(), JOB_STALE_AFTER_MS, [definition.kind])
      if (!job) break
      logger.info('job taken over', { kind: job.kind, jobId: job.id, attempt: job.attempts })
      void runClaimedJob(definition, job)
    }
  }
}

/** Sweeps on every instance, every JOB_SWEEP_INTERVAL_MS, one sweep at a time. */
export function startJobSweeper(definitions: JobDefinition<unknown>[]): void {
  const state = sweeperState()
  if (state.timer) return
  state.timer = setInterval(() => {
    if (state.sweeping) return
    state.sweeping = true
    sweep(definitions)
      .catch((error) => logger.warn('job sweep failed', { error: (error as Error).message }))
      .finally(() => (state.sweeping = false))
  }, getEnv().JOB_SWEEP_INTERVAL_MS)
}

export function stopJobSweeper(): void {
  const state = sweeperState()
  if (state.timer) clearInterval(state.timer)
  state.timer = undefined
}
