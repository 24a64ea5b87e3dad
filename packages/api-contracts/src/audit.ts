import { z } from 'zod'

export const auditKindSchema = z.enum(['data', 'admin', 'security'])
export type AuditKind = z.infer<typeof auditKindSchema>

/**
 * `GET /api/platform/projects/[ref]/audit`: newest first, `cursor` from the previous page's
 * `nextCursor`. Like every query schema it ignores unknown parameters (cache busters, tracing); bodies
 * are the strict ones.
 */
export const auditListQuerySchema = z.object({
  ref: z.string(),
  kind: auditKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'cursor must be a nextCursor value from a previous page')
    .optional(),
})
export type AuditListQuery = z.input<typeof auditListQuerySchema>

export const auditEntrySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  kind: auditKindSchema,
  action: z.string(),
  route: z.string().nullable(),
  code: z.string().nullable(),
  status: z.number().int(),
  requestId: z.string(),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
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
