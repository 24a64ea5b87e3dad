import { z } from 'zod'

import { syncDirectionSchema, syncEndpointsSchema } from './sync-scope'

/**
 * Sync job definitions and their runs, as the routes under `/api/platform/sync/[ref]/jobs` take and
 * return them. A definition is saved once and run many times (start, pause, resume, stop); the run's
 * progress and events stream from any Studio instance.
 */
export const syncModeSchema = z.enum(['schema', 'data', 'schema+data'])
export type SyncMode = z.infer<typeof syncModeSchema>

/** What happens when a row, document or key already exists in the target. */
export const syncConflictPolicySchema = z.enum(['error', 'skip', 'overwrite'])
export type SyncConflictPolicy = z.infer<typeof syncConflictPolicySchema>

export const syncJobStateSchema = z.enum(['idle', 'running', 'pausing', 'paused', 'stopping', 'stopped', 'completed', 'failed'])
export type SyncJobState = z.infer<typeof syncJobStateSchema>

/** The definition's own settings besides its endpoints. */
const syncSettingsShape = {
  name: z.string().trim().min(1).max(120),
  direction: syncDirectionSchema,
  mode: syncModeSchema.default('data'),
  conflictPolicy: syncConflictPolicySchema.default('error'),
  batchSize: z.number().int().min(1).max(50_000).default(5000),
  /** Postgres sources: one SQL boolean expression applied to every table (parsed, never run as given). */
  rowFilter: z.string().min(1).max(4000).optional(),
  /** MongoDB sources: an Extended JSON filter document (as text) applied to every collection. */
  documentFilter: z.string().min(2).max(16_000).optional(),
  /** MongoDB targets: copy every collection into this database (default: the source collection's). */
  targetDatabase: z.string().min(1).max(63).optional(),
}

export const syncJobBodySchema = syncEndpointsSchema.extend(syncSettingsShape).strict()
export type SyncJobBody = z.infer<typeof syncJobBodySchema>
export type SyncJobInput = z.input<typeof syncJobBodySchema>

/** Progress of one unit (a table, a collection or the key pattern). */
export const syncUnitProgressSchema = z.object({
  unit: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  bytes: z.number(),
  /** Rows, documents or keys per second over this unit's run so far. */
  rate: z.number(),
  etaSeconds: z.number().nullable(),
  finished: z.boolean(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  retries: z.number(),
})
export type SyncUnitProgress = z.infer<typeof syncUnitProgressSchema>

export const syncProgressSchema = z.object({
  units: z.array(syncUnitProgressSchema),
  done: z.number(),
  total: z.number().nullable(),
  bytes: z.number(),
  warnings: z.number(),
})
export type SyncProgress = z.infer<typeof syncProgressSchema>

export const syncJobSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  direction: syncDirectionSchema,
  sourceConnectionId: z.string().uuid(),
  targetConnectionId: z.string().uuid(),
  scope: syncEndpointsSchema.shape.scope,
  mode: syncModeSchema,
  conflictPolicy: syncConflictPolicySchema,
  batchSize: z.number(),
  rowFilter: z.string().nullable(),
  documentFilter: z.string().nullable(),
  targetDatabase: z.string().nullable(),
  state: syncJobStateSchema,
  /** The platform job of the current or last run. */
  runJobId: z.string().uuid().nullable(),
  progress: z.record(z.unknown()),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type SyncJob = z.infer<typeof syncJobSchema>

export const syncJobListSchema = z.object({ jobs: z.array(syncJobSchema) })

/** One event of `GET jobs/[id]/stream`; `id` is the SSE event id (resume with Last-Event-ID). */
export const syncJobEventTypeSchema = z.enum(['state', 'progress', 'warning', 'error'])
export type SyncJobEventType = z.infer<typeof syncJobEventTypeSchema>
export const syncJobEventSchema = z.object({
  id: z.string().regex(/^\d+$/),
  type: syncJobEventTypeSchema,
  data: z.record(z.unknown()),
  createdAt: z.string(),
})
export type SyncJobEvent = z.infer<typeof syncJobEventSchema>

export const syncJobMetricsSchema = z.object({
  totals: z.object({ done: z.number(), bytes: z.number(), warnings: z.number(), errors: z.number(), retries: z.number() }),
  /** Rows, documents or keys per second between consecutive progress events. */
  throughput: z.array(z.object({ at: z.string(), rate: z.number(), done: z.number() })),
  units: z.array(
    z.object({ unit: z.string(), done: z.number(), seconds: z.number().nullable(), retries: z.number(), finished: z.boolean() })
  ),
})
export type SyncJobMetrics = z.infer<typeof syncJobMetricsSchema>
