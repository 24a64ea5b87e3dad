import type { AdminJob, AdminJobsResponse, JobStatus } from '@multibase/api-contracts'

import { NotFoundError } from '../database/errors'
import { cancelJob } from '../jobs/status'
import { getPlatformDatabase } from '../platform/database'
import type { JobRowState } from '../platform/jobs'

interface AdminJobRow {
  id: string
  kind: string
  state: JobRowState
  project_ref: string
  project_name: string
  created_by: string | null
  progress: Record<string, unknown>
  result: Record<string, unknown> | null
  worker_id: string | null
  created_at: Date
  started_at: Date | null
  finished_at: Date | null
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null)

/** Jobs of every kind across all projects, newest first (platform.jobs; pg-boss only dispatches). */
export async function listAdminJobs(options: { limit: number; state?: JobRowState; kind?: string }): Promise<AdminJobsResponse> {
  const db = await getPlatformDatabase()
  const rows = await db.query<AdminJobRow>(
    `SELECT j.id, j.kind, j.state, p.ref AS project_ref, p.name AS project_name, j.created_by::text AS created_by,
            j.progress, j.result, j.worker_id, j.created_at, j.started_at, j.finished_at
       FROM platform.jobs j JOIN platform.projects p ON p.id = j.project_id
      WHERE ($1::text IS NULL OR j.state = $1) AND ($2::text IS NULL OR j.kind = $2)
      ORDER BY j.created_at DESC, j.id
      LIMIT $3`,
    [options.state ?? null, options.kind ?? null, options.limit]
  )
  const items: AdminJob[] = rows.map((row) => {
    const error = row.result?.error
    return {
      id: row.id,
      kind: row.kind,
      state: row.state,
      projectRef: row.project_ref,
      projectName: row.project_name,
      createdBy: row.created_by,
      progress: row.progress,
      error: row.state === 'failed' ? (typeof error === 'string' ? error : 'The job failed') : null,
      workerId: row.worker_id,
      createdAt: iso(row.created_at) as string,
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at),
    }
  })
  return { items }
}

/** Cancels any project's job through the same path as the project's own cancel route. */
export async function cancelAdminJob(id: string): Promise<JobStatus> {
  const db = await getPlatformDatabase()
  const rows = await db.query<{ project_id: string; organization_id: string }>(
    `SELECT j.project_id, p.organization_id FROM platform.jobs j JOIN platform.projects p ON p.id = j.project_id WHERE j.id = $1`,
    [id]
  )
  const job = rows[0]
  if (!job) throw new NotFoundError(`Job "${id}" not found`, 'JOB_NOT_FOUND')
  return cancelJob({ id: job.project_id, organizationId: job.organization_id }, id)
}
