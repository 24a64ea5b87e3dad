import { redisBulkDeleteBodySchema, type JobStarted, type RedisBulkDeleteProgress } from '@multibase/api-contracts'
import { z } from 'zod'

import { enqueueJob } from '../../jobs/enqueue'
import type { JobDefinition } from '../../jobs/types'
import { getDatabaseConnection, type ProjectRef } from '../../platform/connections'
import { withDatabaseClient } from '../helpers'

const payloadSchema = redisBulkDeleteBodySchema.extend({ connectionId: z.string().uuid() })
/** Where a bulk delete resumes: the SCAN cursor after the last batch it saved. */
const checkpointSchema = z.object({ cursor: z.string().regex(/^\d+$/) }).strict()
const count = z.number().int().min(0)
const progressSchema: z.ZodType<RedisBulkDeleteProgress> = z
  .object({ pattern: z.string(), scanned: count, deleted: count, batches: count, finished: z.boolean() })
  .strict()
type BulkDeletePayload = z.infer<typeof payloadSchema>

/**
 * Deletes every key matching a pattern: SCAN MATCH … COUNT batchSize, then UNLINK what the page
 * returned (the server frees the values in the background), until the cursor comes back to 0.
 * A pooled client is borrowed per batch rather than for the whole run, so a long job never holds a
 * slot of the pool; SCAN cursors are stateless on the server, so any connection — another instance's
 * included — can continue: the checkpoint after every batch is the cursor, and a job taken over
 * resumes there. A batch done by a worker that died before its checkpoint is scanned again (SCAN may
 * return a key more than once anyway); its keys are gone, so UNLINK counts them no second time.
 * `scanned` counts the matching keys SCAN returned, `deleted` what UNLINK actually removed.
 */
export const redisBulkDeleteJob: JobDefinition<BulkDeletePayload> = {
  kind: 'redis-bulk-delete',
  payloadSchema,
  concurrency: 2,
  resumable: true,
  async run({ project, payload, resumeFrom, checkpoint }) {
    // Without a checkpoint (the first worker died before its first batch) the scan starts over.
    const saved = resumeFrom ? { progress: progressSchema.parse(resumeFrom.progress), ...checkpointSchema.parse(resumeFrom.checkpoint) } : undefined
    const progress: RedisBulkDeleteProgress = saved?.progress ?? { pattern: payload.pattern, scanned: 0, deleted: 0, batches: 0, finished: false }
    if (progress.finished) return { ...progress }
    let cursor = saved?.cursor ?? '0'
    do {
      const batch = await withDatabaseClient(project, 'redis', payload.connectionId, async (client) => {
        const [next, keys] = await client.native.scanBuffer(cursor, 'MATCH', payload.pattern, 'COUNT', payload.batchSize)
        const deleted = keys.length > 0 ? await client.native.unlink(...keys) : 0
        return { next: next.toString(), found: keys.length, deleted }
      })
      cursor = batch.next
      progress.scanned += batch.found
      progress.deleted += batch.deleted
      progress.batches += 1
      progress.finished = cursor === '0'
      if (!(await checkpoint({ ...progress }, { cursor }))) break
    } while (cursor !== '0')
    return { ...progress }
  },
}

/** Starts a bulk delete on the given connection (else the project's primary Redis), pinned by id. */
export async function startRedisBulkDelete(input: {
  project: ProjectRef
  connectionId: string | undefined
  userId: string | null
  requestId: string
  pattern: string
  batchSize: number
}): Promise<JobStarted> {
  const connection = await getDatabaseConnection(input.project, 'redis', input.connectionId)
  const progress: RedisBulkDeleteProgress = { pattern: input.pattern, scanned: 0, deleted: 0, batches: 0, finished: false }
  return enqueueJob(redisBulkDeleteJob, {
    project: input.project,
    userId: input.userId,
    requestId: input.requestId,
    payload: { connectionId: connection.id, pattern: input.pattern, batchSize: input.batchSize },
    progress: { ...progress },
  })
}
