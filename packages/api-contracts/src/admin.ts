import { z } from 'zod'

import { auditEntrySchema } from './audit'

/** `POST …/connections/[id]/keep-alive`: a trivial read every `intervalSeconds` while enabled. */
export const keepAliveInputSchema = z
  .object({
    enabled: z.boolean(),
    intervalSeconds: z.number().int().min(1).max(604800).default(300),
  })
  .strict()
export type KeepAliveInput = z.input<typeof keepAliveInputSchema>

export const keepAliveStatusSchema = z.object({
  enabled: z.boolean(),
  intervalSeconds: z.number().int(),
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  runs: z.number().int(),
})
export type KeepAliveStatus = z.infer<typeof keepAliveStatusSchema>

/** A Studio session as the API saw it (GoTrue `session_id` claim). */
export const studioSessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  userEmail: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  instanceId: z.string().nullable(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  current: z.boolean(),
})
export type StudioSession = z.infer<typeof studioSessionSchema>
export const studioSessionListSchema = z.object({ items: z.array(studioSessionSchema) })
export type StudioSessionList = z.infer<typeof studioSessionListSchema>

export const sessionIdQuerySchema = z.object({ id: z.string().uuid() })

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
}

export const adminUserSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  memberships: z.array(
    z.object({
      scope: z.enum(['organization', 'project']),
      id: z.string(),
      name: z.string(),
      slugOrRef: z.string(),
      role: z.string(),
    })
  ),
})
export type AdminUser = z.infer<typeof adminUserSchema>
export const adminUsersQuerySchema = z.object({ ...pageQuery, offset: z.coerce.number().int().min(0).max(1_000_000).default(0) })
export const adminUsersResponseSchema = z.object({ items: z.array(adminUserSchema), total: z.number().int() })
export type AdminUsersResponse = z.infer<typeof adminUsersResponseSchema>

export const adminJobStateSchema = z.enum(['created', 'active', 'completed', 'cancelled', 'failed'])
export const adminJobsQuerySchema = z.object({
  ...pageQuery,
  state: adminJobStateSchema.optional(),
  kind: z.string().regex(/^[a-z0-9_.-]{1,64}$/).optional(),
})
export const adminJobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: adminJobStateSchema,
  projectRef: z.string(),
  projectName: z.string(),
  createdBy: z.string().nullable(),
  progress: z.record(z.unknown()),
  error: z.string().nullable(),
  workerId: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
})
export type AdminJob = z.infer<typeof adminJobSchema>
export const adminJobsResponseSchema = z.object({ items: z.array(adminJobSchema) })
export type AdminJobsResponse = z.infer<typeof adminJobsResponseSchema>

export const adminAnalyticsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(90).default(7) })
export const adminAnalyticsSchema = z.object({
  days: z.number().int(),
  callsPerEngineDay: z.array(z.object({ day: z.string(), engine: z.string(), count: z.number(), errors: z.number() })),
  routeGroups: z.array(
    z.object({
      routeGroup: z.string(),
      count: z.number(),
      errors: z.number(),
      errorRate: z.number(),
      p50Ms: z.number().nullable(),
      p95Ms: z.number().nullable(),
    })
  ),
  topProjects: z.array(z.object({ ref: z.string(), count: z.number(), errors: z.number() })),
})
export type AdminAnalytics = z.infer<typeof adminAnalyticsSchema>

export const adminSecurityEventsQuerySchema = z.object({
  ...pageQuery,
  before: z.coerce.number().int().min(1).optional(),
})
export const adminSecurityEventSchema = auditEntrySchema.extend({ projectRef: z.string().nullable() })
export type AdminSecurityEvent = z.infer<typeof adminSecurityEventSchema>
export const adminSecurityEventsResponseSchema = z.object({
  items: z.array(adminSecurityEventSchema),
  /** Pass as `before` for the next (older) page. */
  nextBefore: z.number().nullable(),
})
export type AdminSecurityEventsResponse = z.infer<typeof adminSecurityEventsResponseSchema>

export const adminExportQuerySchema = z.object({
  format: z.enum(['csv', 'ndjson']).default('ndjson'),
  since: z.string().datetime({ offset: true }).optional(),
})

export const instanceStatusSchema = z.object({
  id: z.string(),
  host: z.string(),
  pid: z.number().int(),
  version: z.string(),
  startedAt: z.string(),
  heartbeatAt: z.string(),
  alive: z.boolean(),
  current: z.boolean(),
})
export const adminStatusSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  platformDatabase: z.object({ ok: z.boolean(), embedded: z.boolean(), latencyMs: z.number().nullable() }),
  queue: z.object({ ok: z.boolean(), jobs: z.record(z.number()) }),
  pools: z.array(
    z.object({ key: z.string(), type: z.string(), size: z.number(), available: z.number(), borrowed: z.number(), pending: z.number() })
  ),
  instances: z.array(instanceStatusSchema),
  heartbeatIntervalMs: z.number().int(),
})
export type AdminStatus = z.infer<typeof adminStatusSchema>

export const adminUsageSchema = z.object({
  organizations: z.number(),
  projects: z.number(),
  users: z.number(),
  connections: z.record(z.number()),
  keepAliveConnections: z.number(),
  activeSessions: z.number(),
  jobs: z.record(z.number()),
  requestsToday: z.number(),
  errorsToday: z.number(),
})
export type AdminUsage = z.infer<typeof adminUsageSchema>

export const featuresSchema = z.object({
  platform: z.boolean(),
  platformAdmin: z.boolean(),
  engines: z.array(z.string()),
  jobs: z.array(z.string()),
  keepAlive: z.boolean(),
  sessions: z.boolean(),
})
export type Features = z.infer<typeof featuresSchema>
