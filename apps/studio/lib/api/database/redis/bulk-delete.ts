import { redisBulkDeleteBodySchema, type JobStarted, type RedisBulkDeleteProgress } from '@multibase/api-contracts'
import { z } from 'zod'

import { enqueueJob } from '../../jobs/enqueue'
import type { JobDefinition } from '../../jobs/types'
import { getDatabaseConnection, type ProjectRef } from '../../platform/connections'
import { withDatabaseClient } from '../helpers'

const payloadSchema = redisBulkDeleteBodySchema.extend({ connectionId: z.string().uuid() })
type BulkDeletePayload = z.infer<typeof payloadSchema>

/**
 * Deletes every key matching a pattern: SCAN MATCH … COUNT batchSize, then UNLINK what the page
 * returned (the server frees the values in the background), until the cursor comes back to 0.
 * A pooled client is borrowed per batch rather than for the whole run, so a long job never holds a
 * slot of the pool; SCAN cursors are stateless on the server, so any connection can continue.
 * `scanned` counts the matching keys SCAN returned (it may return a key twice), `deleted` what UNLINK
 * actually removed.
 */
export const redisBulkDeleteJob: JobDefinition<BulkDeletePayload> = {
  kind: 'redis-bulk-delete',
  payloadSchema,
  expireInSeconds: 6 * 60 * 60,
  concurrency: 2,
  async run({ project, payload, checkpoint }) {
    const progress: RedisBulkDeleteProgress = { pattern: payload.pattern, scanned: 0, deleted: 0, batches: 0, finished: false }
    let cursor = '0'
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
      if (!(await checkpoint({ ...progress }))) break
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
