import type { IncomingMessage, ServerResponse } from 'node:http'

import type { SyncJobEvent } from '@multibase/api-contracts'

import { logger } from '../../logger'
import type { ProjectRef } from '../platform/connections'
import { getProjectAccess } from '../platform/projects'
import { findSyncJob, listSyncEvents, type SyncJobEventRecord } from '../platform/sync-jobs'
import { getSyncJob } from './control'

/** How often a stream looks for new events in the platform database (any instance may write them). */
const POLL_MS = 250
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000
/** How often the caller's access is read again (the access cache follows the change feed). */
const ACCESS_RECHECK_MS = 5000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function toSyncEvent(record: SyncJobEventRecord): SyncJobEvent {
  return { id: record.id, type: record.type, data: record.data, createdAt: new Date(record.created_at).toISOString() }
}

/** Where a reconnecting client resumes: its Last-Event-ID header, else `?lastEventId=`, else the start. */
export function resumeIdOf(req: IncomingMessage, queryValue: string | undefined): string {
  const header = req.headers['last-event-id']
  const candidate = (Array.isArray(header) ? header[0] : header) ?? queryValue
  return candidate && /^\d{1,19}$/.test(candidate.trim()) ? candidate.trim() : '0'
}

/**
 * Serves a sync job's events as Server-Sent Events until the client goes away, the sync job is
 * deleted or the caller loses access to the project. Events come from platform.sync_job_events, so
 * two clients on two instances see the same ids in the same order.
 */
export async function streamSyncJobEvents(input: {
  project: ProjectRef
  ref: string
  userId: string
  id: string
  afterId: string
  req: IncomingMessage
  res: ServerResponse
}): Promise<void> {
  const { req, res } = input
  await getSyncJob(input.project, input.id)
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  })
  res.flushHeaders()
  res.write('retry: 2000\n: stream open\n\n')
  let open = true
  req.on('close', () => (open = false))
  let lastId = input.afterId
  let lastWrite = Date.now()
  let lastAccessCheck = Date.now()
  try {
    while (open) {
      const events = await listSyncEvents(input.id, lastId)
      for (const record of events) {
        const event = toSyncEvent(record)
        res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
        lastId = event.id
        lastWrite = Date.now()
      }
      if (events.length > 0) continue
      if (Date.now() - lastWrite >= HEARTBEAT_MS) {
        res.write(': heartbeat\n\n')
        lastWrite = Date.now()
      }
      if (Date.now() - lastAccessCheck >= ACCESS_RECHECK_MS) {
        lastAccessCheck = Date.now()
        const still = await getProjectAccess(input.ref, input.userId).then(
          () => true,
          () => false
        )
        if (!still || !(await findSyncJob(input.project.id, input.id))) break
      }
      await sleep(POLL_MS)
    }
  } catch (error) {
    logger.warn('sync event stream ended', { syncJobId: input.id, error: (error as Error).message })
  } finally {
    res.end()
  }
}
