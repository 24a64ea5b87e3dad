import { z } from 'zod'

export const auditKindSchema = z.enum(['data', 'admin', 'security'])
export type AuditKind = z.infer<typeof auditKindSchema>

export const auditEngineSchema = z.enum(['postgres', 'redis', 'mongodb'])
export type AuditEngine = z.infer<typeof auditEngineSchema>

export const auditTokenKindSchema = z.enum(['user', 'local'])

/** An empty parameter (an untouched filter field of the UI) means "no filter". */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

/**
 * The filters shared by the list and the export. `actor` is a user id or an email (case-insensitive),
 * `action` a case-insensitive substring of `METHOD /api/...template`, `route` a whole template,
 * `status` an exact code or a class (`4xx`), `from`/`to` an ISO time range (from inclusive, to
 * exclusive).
 */
export const auditFilterSchema = z.object({
  ref: z.string(),
  kind: optional(auditKindSchema),
  actor: optional(z.string().max(320)),
  action: optional(z.string().max(300)),
  route: optional(z.string().max(300)),
  engine: optional(auditEngineSchema),
  connectionId: optional(z.string().uuid()),
  code: optional(z.string().regex(/^[A-Z0-9_]{1,64}$/, 'code must be an error code like RATE_LIMITED')),
  status: optional(z.string().regex(/^[1-5](\d\d|xx)$/, 'status must be a code like 403 or a class like 4xx')),
  from: optional(z.string().datetime({ offset: true })),
  to: optional(z.string().datetime({ offset: true })),
})
export type AuditFilter = z.infer<typeof auditFilterSchema>

/**
 * `GET /api/platform/projects/[ref]/audit`: newest first, `cursor` from the previous page's
 * `nextCursor`. Like every query schema it ignores unknown parameters (cache busters, tracing); bodies
 * are the strict ones.
 */
export const auditListQuerySchema = auditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'cursor must be a nextCursor value from a previous page')
    .optional(),
})
export type AuditListQuery = z.input<typeof auditListQuerySchema>

/** `GET /api/platform/projects/[ref]/audit/export?format=csv|ndjson` with the list's filters, streamed. */
export const auditExportQuerySchema = auditFilterSchema.extend({
  format: z.enum(['csv', 'ndjson']),
})
export type AuditExportQuery = z.input<typeof auditExportQuerySchema>

export const auditEntrySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  kind: auditKindSchema,
  action: z.string(),
  route: z.string().nullable(),
  engine: auditEngineSchema.nullable(),
  connectionId: z.string().nullable(),
  code: z.string().nullable(),
  status: z.number().int(),
  requestId: z.string(),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
  tokenKind: auditTokenKindSchema.nullable(),
  ip: z.string().nullable(),
  target: z.string().nullable(),
  details: z.record(z.unknown()),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditListResponseSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
})
export type AuditListResponse = z.infer<typeof auditListResponseSchema>
