import { randomUUID } from 'node:crypto'

import type { JobStarted } from '@multibase/api-contracts'

import { getPlatformDatabase } from '../platform/database'
import type { ProjectRef } from '../platform/connections'
import { insertJobRecord } from '../platform/jobs'
import { getJobQueue } from './queue'
import type { JobData, JobDefinition } from './types'

/**
 * Queues a job for a project. The platform row and the pg-boss job are written in one transaction
 * (pg-boss inserts through our transaction's connection), so there is never a job without an owner.
 */
export async function enqueueJob<Payload>(
  definition: JobDefinition<Payload>,
  input: { project: ProjectRef; userId: string | null; requestId: string; payload: Payload; progress: Record<string, unknown> }
): Promise<JobStarted> {
  const boss = getJobQueue()
  const id = randomUUID()
  const data: JobData = { projectId: input.project.id, organizationId: input.project.organizationId, payload: input.payload }
  const db = await getPlatformDatabase()
  await db.transaction(async (tx) => {
    await insertJobRecord(tx, {
      id,
      projectId: input.project.id,
      kind: definition.kind,
      createdBy: input.userId,
      requestId: input.requestId,
      progress: input.progress,
    })
    await boss.send(definition.kind, data, { id, db: { executeSql: async (text, values) => ({ rows: await tx.query(text, values) }) } })
  })
  return { jobId: id, kind: definition.kind, state: 'created' }
}
