import { z } from 'zod'

import { syncDirectionSchema, syncEndpointsSchema } from './sync-scope'

/**
 * `POST sync/[ref]/validate` and `POST sync/[ref]/generate-migration`: the checks a user reviews
 * before a sync job runs. Both take the same endpoints body a job is started with.
 */
export const syncValidateBodySchema = syncEndpointsSchema
export type SyncValidateBody = z.infer<typeof syncValidateBodySchema>

export const syncFindingSeveritySchema = z.enum(['error', 'warning', 'info'])
export type SyncFindingSeverity = z.infer<typeof syncFindingSeveritySchema>

export const syncFindingSchema = z
  .object({
    severity: syncFindingSeveritySchema,
    /** Machine-readable: MISSING_TABLE, TYPE_MISMATCH, MISSING_PRIMARY_KEY, ENUM_VALUE_MISSING, KEY_OVERLAP, … */
    code: z.string(),
    /** The object it is about: `schema.table`, `schema.table.column`, `db.collection`, a key pattern. */
    object: z.string(),
    message: z.string(),
    details: z.record(z.unknown()).optional(),
  })
  .strict()
export type SyncFinding = z.infer<typeof syncFindingSchema>

export const syncSizeEstimateSchema = z
  .object({
    /** Bytes on the source for the scope (exact for Postgres/MongoDB, extrapolated from a sample for Redis). */
    bytes: z.number(),
    /** Rows, documents or keys (an estimate). */
    units: z.number(),
    method: z.string(),
    objects: z.array(z.object({ object: z.string(), bytes: z.number(), units: z.number() }).strict()),
  })
  .strict()
export type SyncSizeEstimate = z.infer<typeof syncSizeEstimateSchema>

/** MongoDB → Postgres with documentMapping 'columns': the columns inferred from a sample. */
export const syncColumnPreviewSchema = z
  .object({
    collection: z.string(),
    table: z.string(),
    sampled: z.number(),
    columns: z.array(
      z
        .object({ name: z.string(), type: z.string(), bsonTypes: z.array(z.string()), nullable: z.boolean() })
        .strict()
    ),
  })
  .strict()
export type SyncColumnPreview = z.infer<typeof syncColumnPreviewSchema>

export const syncValidateResponseSchema = z
  .object({
    direction: syncDirectionSchema,
    /** True when no finding is an error: a job may start. */
    ok: z.boolean(),
    findings: z.array(syncFindingSchema),
    size: syncSizeEstimateSchema,
    preview: z.array(syncColumnPreviewSchema).optional(),
  })
  .strict()
export type SyncValidateResponse = z.infer<typeof syncValidateResponseSchema>

export const generateMigrationBodySchema = syncEndpointsSchema
  .extend({
    /** Run the script on the target in one transaction (admins only); otherwise only return it. */
    apply: z.boolean().optional(),
    /** With apply: the sha256 of the script the user reviewed; a different plan now is refused (409). */
    expectedSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  })
  .strict()
export type GenerateMigrationBody = z.infer<typeof generateMigrationBodySchema>

export const migrationStatementSchema = z
  .object({
    sql: z.string(),
    /** The object the statement creates or changes, e.g. `public.orders` or `public.orders.orders_pkey`. */
    object: z.string(),
    /** schema, enum, enum_value, sequence, table, column, primary_key, unique, foreign_key, index, setval, … */
    kind: z.string(),
  })
  .strict()
export type MigrationStatement = z.infer<typeof migrationStatementSchema>

/** Per object, the definition on each side, for the review's diff view (null: absent there). */
export const migrationObjectDiffSchema = z
  .object({ object: z.string(), kind: z.string(), source: z.string().nullable(), target: z.string().nullable() })
  .strict()

export const generateMigrationResponseSchema = z
  .object({
    statements: z.array(migrationStatementSchema),
    postData: z.array(migrationStatementSchema),
    diff: z.array(migrationObjectDiffSchema),
    /** The statements as one script and its sha256 (hex): what a review approves and the audit row records. */
    script: z.string(),
    sha256: z.string(),
    applied: z.boolean(),
  })
  .strict()
export type GenerateMigrationResponse = z.infer<typeof generateMigrationResponseSchema>
