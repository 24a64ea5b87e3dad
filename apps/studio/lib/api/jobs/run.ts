import type PgBoss from 'pg-boss'

import { logger } from '../../logger'
import { recordAudit } from '../platform/audit'
import { getJobRecord, recordJobResult, updateJobProgress } from '../platform/jobs'
import type { JobData, JobDefinition } from './types'

/**
 * Runs one job: parses its payload, gives the worker a checkpoint that stores progress and reads the
 * job's state back from pg-boss (so a cancel issued on any instance stops it within a batch), then
 * records the result and audits it. A failure is rethrown for pg-boss to mark the job failed.
 */
export async function runJob(boss: PgBoss, definition: JobDefinition<unknown>, job: PgBoss.Job<unknown>): Promise<Record<string, unknown>> {
  const data = job.data as JobData
  const project = { id: data.projectId, organizationId: data.organizationId }
  let progress: Record<string, unknown> = {}
  let outcome: { state: 'completed' | 'cancelled' | 'failed'; error?: string }
  try {
    const payload = definition.payloadSchema.parse(data.payload)
    progress = await definition.run({
      id: job.id,
      project,
      payload,
      async checkpoint(next) {
        progress = next
        await updateJobProgress(job.id, next)
        const current = await boss.getJobById(definition.kind, job.id)
        return current?.state === 'active'
      },
    })
    const current = await boss.getJobById(definition.kind, job.id)
    outcome = { state: current?.state === 'active' ? 'completed' : current?.state === 'cancelled' ? 'cancelled' : 'failed' }
    if (outcome.state === 'failed') outcome.error = 'The job was stopped before it finished (it expired or its Studio shut down)'
  } catch (error) {
    outcome = { state: 'failed', error: (error as Error).message }
  }

  const result = { ...progress, state: outcome.state, ...(outcome.error ? { error: outcome.error } : {}) }
  await recordJobResult(job.id, progress, result)
  await auditJob(definition.kind, job.id, project.id, result)
  if (outcome.state === 'failed') {
    logger.warn('job failed', { kind: definition.kind, jobId: job.id, error: outcome.error })
    throw new Error(outcome.error)
  }
  return result
}

async function auditJob(kind: string, jobId: string, projectId: string, result: Record<string, unknown>): Promise<void> {
  const record = await getJobRecord(jobId)
  await recordAudit({
    requestId: record?.request_id ?? jobId,
    userId: record?.created_by ?? null,
    projectId,
    action: `JOB ${kind}`,
    target: JSON.stringify({ jobId }),
    status: result.state === 'failed' ? 500 : 200,
    details: result,
  })
}
