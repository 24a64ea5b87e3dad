import type { SyncJobMetrics, SyncProgress } from '@multibase/api-contracts'

import type { ProjectRef } from '../platform/connections'
import { getPlatformDatabase } from '../platform/database'
import { getSyncJob } from './control'

/**
 * A sync job's figures: totals and per-unit timings from its saved progress, throughput over time
 * from its progress events (done between two consecutive events over the time between them),
 * retries as units restarted plus runs taken over from a lost worker.
 */
export async function getSyncJobMetrics(project: ProjectRef, id: string): Promise<SyncJobMetrics> {
  const job = await getSyncJob(project, id)
  const progress = job.progress as Partial<SyncProgress>
  const db = await getPlatformDatabase()
  const points = await db.query<{ at: Date; done: string }>(
    `SELECT created_at AS at, (data->>'done') AS done FROM platform.sync_job_events
      WHERE sync_job_id = $1 AND type = 'progress' AND data ? 'done' ORDER BY id`,
    [id]
  )
  const counts = await db.query<{ type: string; count: string }>(
    `SELECT type, count(*)::text AS count FROM platform.sync_job_events WHERE sync_job_id = $1 GROUP BY type`,
    [id]
  )
  const takeovers = await db.query<{ retries: string }>(
    `SELECT coalesce(sum(greatest(j.attempts - 1, 0)), 0)::text AS retries FROM platform.jobs j
      WHERE j.project_id = $1 AND j.kind = 'sync' AND j.payload->>'syncJobId' = $2`,
    [project.id, id]
  )
  const countOf = (type: string) => Number(counts.find((row) => row.type === type)?.count ?? 0)
  const units = progress.units ?? []
  const throughput = points.slice(1).map((point, index) => {
    const previous = points[index]
    const seconds = (new Date(point.at).getTime() - new Date(previous.at).getTime()) / 1000
    const delta = Number(point.done) - Number(previous.done)
    return { at: new Date(point.at).toISOString(), done: Number(point.done), rate: seconds > 0 && delta >= 0 ? Math.round(delta / seconds) : 0 }
  })
  return {
    totals: {
      done: progress.done ?? 0,
      bytes: progress.bytes ?? 0,
      warnings: countOf('warning'),
      errors: countOf('error'),
      retries: units.reduce((sum, unit) => sum + unit.retries, 0) + Number(takeovers[0]?.retries ?? 0),
    },
    throughput,
    units: units.map((unit) => ({
      unit: unit.unit,
      done: unit.done,
      seconds: unit.startedAt && unit.finishedAt ? (new Date(unit.finishedAt).getTime() - new Date(unit.startedAt).getTime()) / 1000 : null,
      retries: unit.retries,
      finished: unit.finished,
    })),
  }
}
