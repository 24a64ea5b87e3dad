import PgBoss from 'pg-boss'

import { getEnv } from '../../env'
import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import { ConnectionError } from '../database/errors'
import { getPlatformDatabase, type PlatformDatabase } from '../platform/database'
import { claimNewJob } from '../platform/jobs'
import { stopLocalRuns } from './local-runs'
import { runClaimedJob } from './run'
import { startJobSweeper, stopJobSweeper } from './sweeper'
import type { JobDefinition } from './types'
import { getWorkerId } from './worker-id'

/** pg-boss keeps its tables in its own schema of the platform database. */
const PGBOSS_SCHEMA = 'pgboss'
/** pg-boss's lower bound; a started job waits at most this long for a worker to notice it. */
const POLLING_INTERVAL_SECONDS = 0.5
/**
 * pg-boss only delivers a new job to a first worker; the heartbeat in platform.jobs, not pg-boss's
 * expiry, detects a dead worker. The pg-boss job stays active while that first worker runs it (so
 * pg-boss's worker count bounds the jobs an instance runs), hence an expiry above any real run; a
 * job outliving it is unaffected (platform.jobs holds its state), only pg-boss's own record ends.
 */
const DISPATCH_EXPIRE_SECONDS = 23 * 60 * 60

interface QueueState {
  boss?: PgBoss
}

const queueState = () => processSingleton('job-queue', (): QueueState => ({}))

/**
 * pg-boss runs its SQL through the platform pool rather than a pool of its own: against the embedded
 * PGlite there is exactly one session, so every statement (the queue's included) must share it.
 * pg-boss 10 only issues self-contained statements (its multi-statement transactions go out as one
 * simple query) and never LISTENs, so it never holds that one connection across awaits.
 */
function platformPoolAdapter(db: PlatformDatabase): PgBoss.Db {
  return { executeSql: (text, values) => db.pool.query(text, values) }
}

/**
 * Starts pg-boss (creating or migrating its schema), the workers of every job kind, and the sweeper
 * that takes over jobs whose worker is gone.
 */
export async function startJobQueue(definitions: JobDefinition<unknown>[]): Promise<PgBoss> {
  const state = queueState()
  if (state.boss) return state.boss
  const db = await getPlatformDatabase()
  const boss = new PgBoss({
    db: platformPoolAdapter(db),
    schema: PGBOSS_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: false,
  })
  boss.on('error', (error) => logger.error('job queue error', { error: error.message }))
  await boss.start()
  for (const definition of definitions) {
    // No pg-boss retries: a lost job is resumed by the sweeper from platform.jobs, not re-delivered.
    const options = { name: definition.kind, retryLimit: 0, expireInSeconds: DISPATCH_EXPIRE_SECONDS }
    await boss.createQueue(definition.kind, options)
    // createQueue leaves an existing queue as it was (an older Studio created it with other options).
    await boss.updateQueue(definition.kind, options)
    for (let worker = 0; worker < definition.concurrency; worker++) {
      await boss.work(definition.kind, { pollingIntervalSeconds: POLLING_INTERVAL_SECONDS, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) {
          // A job cancelled before any worker got to it is not claimed (and already ended).
          const claimed = await claimNewJob(job.id, getWorkerId())
          if (claimed) await runClaimedJob(definition, claimed)
        }
      })
    }
  }
  state.boss = boss
  startJobSweeper(definitions)
  return boss
}

/** The started queue; API routes reach it through here (same process as the custom server). */
export function getJobQueue(): PgBoss {
  const boss = queueState().boss
  if (!boss) throw new ConnectionError('The job queue is not running on this Studio instance', 'JOB_QUEUE_UNAVAILABLE')
  return boss
}

/**
 * Shutdown: takes no more jobs, stops the running ones at their next batch boundary with their
 * checkpoint saved and hands them back (another instance's sweeper resumes them), then stops pg-boss
 * once its workers returned, so nothing touches the platform pool after it closes.
 */
export async function stopJobQueue(): Promise<void> {
  const state = queueState()
  const boss = state.boss
  if (!boss) return
  state.boss = undefined
  stopJobSweeper()
  const graceMs = getEnv().SHUTDOWN_GRACE_MS
  await Promise.all([stopLocalRuns(graceMs), boss.stop({ graceful: true, timeout: Math.max(graceMs, 1000), close: false, wait: true })])
}
