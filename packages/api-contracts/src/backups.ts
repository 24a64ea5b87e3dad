import { z } from 'zod'

export const backupEngineSchema = z.enum(['postgres', 'redis', 'mongodb'])
export type BackupEngine = z.infer<typeof backupEngineSchema>
export const backupKindSchema = z.enum(['full', 'schema', 'data'])
export const backupStatusSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled'])

/** A Postgres schema or `schema.table`, or a MongoDB collection name: identifiers only, never SQL. */
const nameSchema = z.string().min(1).max(255).regex(/^[^\0\n\r]+$/)

/** POST backups/[ref]: what to back up. Postgres takes a kind and optional schemas/tables. */
export const createBackupBodySchema = z
  .object({
    engine: backupEngineSchema,
    connectionId: z.string().uuid(),
    kind: backupKindSchema.default('full'),
    schemas: z.array(nameSchema).max(100).optional(),
    tables: z.array(nameSchema).max(1000).optional(),
    collections: z.array(nameSchema).max(1000).optional(),
    /** Redis: a SCAN MATCH glob (default every key). */
    pattern: z.string().min(1).max(1024).optional(),
    /** MongoDB: the database (default the connection's). */
    database: z.string().min(1).max(64).optional(),
  })
  .strict()
export type CreateBackupBody = z.infer<typeof createBackupBodySchema>

export const backupSchema = z.object({
  id: z.string().uuid(),
  engine: backupEngineSchema,
  kind: backupKindSchema,
  status: backupStatusSchema,
  connectionId: z.string().uuid().nullable(),
  jobId: z.string().uuid().nullable(),
  scope: z.record(z.unknown()),
  sizeBytes: z.number().nullable(),
  sha256: z.string().nullable(),
  durationMs: z.number().nullable(),
  engineVersion: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
})
export type Backup = z.infer<typeof backupSchema>

export const listBackupsQuerySchema = z
  .object({
    connectionId: z.string().uuid().optional(),
    engine: backupEngineSchema.optional(),
    kind: backupKindSchema.optional(),
    status: backupStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
export const backupListSchema = z.object({ backups: z.array(backupSchema), total: z.number() })
export type BackupList = z.infer<typeof backupListSchema>

export const backupStatsSchema = z.object({
  count: z.number(),
  totalBytes: z.number(),
  lastSuccess: z.array(z.object({ connectionId: z.string().uuid().nullable(), engine: backupEngineSchema, finishedAt: z.string() })),
})
export type BackupStats = z.infer<typeof backupStatsSchema>

export const backupVerifySchema = z.object({ ok: z.boolean(), expected: z.string().nullable(), actual: z.string(), sizeBytes: z.number() })
export type BackupVerify = z.infer<typeof backupVerifySchema>

/** POST backups/[ref]/[id]/restore. A dry run reports what would be created or overwritten; nothing is written. */
export const restoreBackupBodySchema = z
  .object({
    connectionId: z.string().uuid(),
    dryRun: z.boolean().default(true),
    /** Postgres: restore all, only the schema, or only the data of the archive. */
    mode: backupKindSchema.default('full'),
    /** Postgres `schema.table` or bare table names; MongoDB collection names. */
    tables: z.array(nameSchema).max(1000).optional(),
    collections: z.array(nameSchema).max(1000).optional(),
    /** MongoDB: the target database (default the one the backup was taken from). */
    database: z.string().min(1).max(64).optional(),
    /** Redis glob over key names. */
    pattern: z.string().min(1).max(1024).optional(),
    /** Postgres: drop objects before recreating them (`--clean --if-exists`). */
    clean: z.boolean().default(false),
    /** Redis: overwrite existing keys. MongoDB: replace documents with the same _id. Otherwise they are kept. */
    replace: z.boolean().default(false),
  })
  .strict()
export type RestoreBackupBody = z.infer<typeof restoreBackupBodySchema>
