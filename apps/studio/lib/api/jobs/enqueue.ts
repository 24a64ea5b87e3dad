import { randomUUID } from 'node:crypto'

import type { JobStarted } from '@multibase/api-contracts'

import { getPlatformDatabase, type Queryable } from '../platform/database'
import type { ProjectRef } from '../platform/connections'
import { insertJobRecord } from '../platform/jobs'
import { getJobQueue } from './queue'
import type { JobDefinition } from './types'

/**
 * Queues a job for a project. The platform row (the job's state, input and owner) and the pg-boss job
 * (its delivery to a first worker) are written in one transaction (pg-boss inserts through our
 * transaction's connection), so there is never one without the other.
 */
export async function enqueueJob<Payload>(
  definition: JobDefinition<Payload>,
  input: { project: ProjectRef; userId: string | null; requestId: string; payload: Payload; progress: Record<string, unknown> },
  /** Runs in the same transaction, after the job row exists: a caller's own record of the job commits with it or not at all. */
  onCreated?: (tx: Queryable, jobId: string) => Promise<void>
): Promise<JobStarted> {
  const boss = getJobQueue()
  const id = randomUUID()
  const db = await getPlatformDatabase()
  await db.transaction(async (tx) => {
    await insertJobRecord(tx, {
      id,
      projectId: input.project.id,
      kind: definition.kind,
      createdBy: input.userId,
      requestId: input.requestId,
      payload: input.payload,
      progress: input.progress,
    })
    await onCreated?.(tx, id)
    await boss.send(definition.kind, { projectId: input.project.id }, { id, db: { executeSql: async (text, values) => ({ rows: await tx.query(text, values) }) } })
  })
  return { jobId: id, kind: definition.kind, state: 'created' }
}
