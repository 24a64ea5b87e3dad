import PgBoss from 'pg-boss'

import { logger } from '../../logger'
import { processSingleton } from '../../singleton'
import { ConnectionError } from '../database/errors'
import { getPlatformDatabase, type PlatformDatabase } from '../platform/database'
import { runJob } from './run'
import type { JobDefinition } from './types'

/** pg-boss keeps its tables in its own schema of the platform database. */
const PGBOSS_SCHEMA = 'pgboss'
/** pg-boss's lower bound; a started job waits at most this long for a worker to notice it. */
const POLLING_INTERVAL_SECONDS = 0.5

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

/** Starts pg-boss (creating or migrating its schema) and the workers of every job kind. */
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
    await boss.createQueue(definition.kind, {
      name: definition.kind,
      // A job half done by a dead worker is reported as failed; the user decides whether to rerun it.
      retryLimit: 0,
      expireInSeconds: definition.expireInSeconds,
    })
    for (let worker = 0; worker < definition.concurrency; worker++) {
      await boss.work(definition.kind, { pollingIntervalSeconds: POLLING_INTERVAL_SECONDS, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await runJob(boss, definition, job)
      })
    }
  }
  state.boss = boss
  return boss
}

/** The started queue; API routes reach it through here (same process as the custom server). */
export function getJobQueue(): PgBoss {
  const boss = queueState().boss
  if (!boss) throw new ConnectionError('The job queue is not running on this Studio instance', 'JOB_QUEUE_UNAVAILABLE')
  return boss
}

/** Stops fetching new jobs and waits (bounded) for running ones; unfinished ones are failed by pg-boss. */
export async function stopJobQueue(): Promise<void> {
  const state = queueState()
  const boss = state.boss
  if (!boss) return
  state.boss = undefined
  await boss.stop({ graceful: true, timeout: 10_000, close: false, wait: true })
}
