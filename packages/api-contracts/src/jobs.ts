import { z } from 'zod'

/**
 * A job's state as platform.jobs holds it: `created` until a worker takes it, `active` while one runs
 * it (again after a takeover), then one of the final states. `cancelled` is reported as soon as it was
 * asked for; the job's `result` follows when its worker stopped.
 */
export const jobStateSchema = z.enum(['created', 'active', 'completed', 'cancelled', 'failed'])
export type JobState = z.infer<typeof jobStateSchema>

/** A background job as `GET /api/platform/projects/[ref]/jobs/[id]` returns it. */
export const jobStatusSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  state: jobStateSchema,
  /** What the worker reported so far (counters of the job's kind), readable while it runs. */
  progress: z.record(z.unknown()),
  /** The final figures once the job ended (completed, cancelled or failed). */
  result: z.record(z.unknown()).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  updatedAt: z.string(),
})
export type JobStatus = z.infer<typeof jobStatusSchema>

export const jobStartedSchema = z.object({ jobId: z.string().uuid(), kind: z.string(), state: jobStateSchema })
export type JobStarted = z.infer<typeof jobStartedSchema>

export const FINAL_JOB_STATES: readonly JobState[] = ['completed', 'cancelled', 'failed']
