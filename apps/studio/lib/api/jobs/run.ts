import { getEnv } from '../../env'
import { logger } from '../../logger'
import { recordJobRun } from '../../metrics/registry'
import { redactSecrets } from '../database/redact'
import { recordAudit } from '../platform/audit'
import { getPlatformDatabase } from '../platform/database'
import { finishJobRecord, handBackJob, renewJob, type ClaimedJob } from '../platform/jobs'
import { trackLocalRun } from './local-runs'
import type { JobDefinition, JobResumePoint } from './types'
import { getWorkerId } from './worker-id'

export type JobEnd = { state: 'completed' | 'cancelled' | 'failed'; error?: string }
/** Why a run stopped before its work was done. */
type Halt = 'cancelled' | 'lost' | 'shutdown'

/**
 * Ends a job this worker holds (or, with owner null, one nobody started) and writes its audit row in
 * the same transaction: whatever ends a job — completion, failure, cancel, a takeover that finished
 * it — exactly one caller succeeds and exactly one audit row exists.
 */
export async function finishJob(jobId: string, owner: string | null, progress: Record<string, unknown>, end: JobEnd): Promise<boolean> {
  const result = { ...progress, state: end.state, ...(end.error ? { error: end.error } : {}) }
  const db = await getPlatformDatabase()
  return db.transaction(async (tx) => {
    const ended = await finishJobRecord(tx, jobId, owner, { state: end.state, progress, result })
    if (!ended) return false
    await recordAudit(
      {
        requestId: ended.request_id,
        userId: ended.created_by,
        projectId: ended.project_id,
        action: `JOB ${ended.kind}`,
        target: JSON.stringify({ jobId: ended.id }),
        status: end.state === 'failed' ? 500 : 200,
        details: { ...result, attempts: ended.attempts },
      },
      tx
    )
    return true
  })
}

/** Why a job cannot run (again) on this worker, or undefined when it can. */
function refusal(definition: JobDefinition<unknown>, job: ClaimedJob): string | undefined {
  const maxAttempts = getEnv().JOB_MAX_ATTEMPTS
  if (job.attempts > maxAttempts) return `The job went through ${job.attempts - 1} workers without finishing; it was given up`
  if (job.attempts > 1 && !definition.resumable) {
    return 'The Studio instance running this job stopped, and this kind of job cannot resume'
  }
  return undefined
}

/**
 * Runs a job this instance just claimed (new, or taken over from a lost worker) and starts tracking
 * it so shutdown can stop it. Resolves when the job has ended, been handed back or lost; never throws.
 */
export function runClaimedJob(definition: JobDefinition<unknown>, job: ClaimedJob): Promise<void> {
  let halt: Halt | undefined
  const done = runHeldJob(definition, job, {
    halted: () => halt,
    haltWith: (reason) => (halt ??= reason),
  }).catch((error) => logger.error('job runner failed', { kind: definition.kind, jobId: job.id, error: (error as Error).message }))
  trackLocalRun(job.id, { kind: definition.kind, stop: () => (halt ??= 'shutdown'), done })
  return done
}

async function runHeldJob(
  definition: JobDefinition<unknown>,
  job: ClaimedJob,
  control: { halted(): Halt | undefined; haltWith(reason: Halt): void }
): Promise<void> {
  const workerId = getWorkerId()
  const resumeFrom: JobResumePoint | null = job.checkpoint ? { progress: job.progress, checkpoint: job.checkpoint } : null
  if (job.state === 'cancelled') {
    // Cancelled while its worker was gone: nothing more runs, the progress so far is the result.
    await finishJob(job.id, workerId, job.progress, { state: 'cancelled' })
    return
  }
  const refused = refusal(definition, job)
  if (refused) {
    await finishJob(job.id, workerId, job.progress, { state: 'failed', error: refused })
    return
  }

  const started = Date.now()
  let progress = job.progress
  // Between checkpoints (a slow batch) the hold is renewed on a timer; a cancel is noticed here too.
  const heartbeat = setInterval(() => {
    renewJob(job.id, workerId)
      .then((state) => {
        if (state === undefined) control.haltWith('lost')
        else if (state === 'cancelled') control.haltWith('cancelled')
      })
      .catch((error) => logger.warn('job heartbeat failed', { jobId: job.id, error: (error as Error).message }))
  }, getEnv().JOB_HEARTBEAT_INTERVAL_MS)

  let stoppedBy: Halt | undefined
  let end: JobEnd
  try {
    const payload = definition.payloadSchema.parse(job.payload)
    progress = await definition.run({
      id: job.id,
      project: { id: job.project_id, organizationId: job.organization_id },
      payload,
      resumeFrom,
      async checkpoint(next, checkpoint) {
        progress = next
        // The batch happened, so its progress is saved whatever comes next.
        const state = await renewJob(job.id, workerId, { progress: next, checkpoint })
        if (state === undefined) control.haltWith('lost')
        else if (state === 'cancelled') control.haltWith('cancelled')
        stoppedBy = control.halted()
        return stoppedBy === undefined
      },
    })
    end = { state: stoppedBy === 'cancelled' ? 'cancelled' : 'completed' }
  } catch (error) {
    // The message is kept in the job's result and audit row: no driver detail may carry a secret there.
    end = { state: 'failed', error: redactSecrets((error as Error).message) }
  } finally {
    clearInterval(heartbeat)
  }

  // A batch that failed while this instance goes down (or lost its hold) is not the job's failure.
  const halt = stoppedBy ?? (end.state === 'failed' ? control.halted() : undefined)
  // A run handed back or lost is labelled as such: its job goes on elsewhere.
  recordJobRun(definition.kind, halt === 'lost' || halt === 'shutdown' ? halt : end.state, (Date.now() - started) / 1000)
  if (halt === 'lost') {
    logger.warn('job taken over by another instance', { kind: definition.kind, jobId: job.id })
  } else if (halt === 'shutdown') {
    await handBackJob(job.id, workerId)
    logger.info('job handed back for another instance', { kind: definition.kind, jobId: job.id })
  } else {
    await finishJob(job.id, workerId, progress, end)
    if (end.state === 'failed') logger.warn('job failed', { kind: definition.kind, jobId: job.id, error: end.error })
  }
}
