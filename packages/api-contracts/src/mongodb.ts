import { z } from 'zod'

/**
 * Request and response shapes of `/api/platform/mongodb/[ref]/databases/...`. Filters, projections,
 * sorts, updates and pipelines are Extended JSON: text in query strings, JSON values in bodies. The
 * EJSON parsing and safety checks are in `mongodb-ejson.ts`.
 */

export const MONGODB_PAGE_DEFAULT_LIMIT = 50
export const MONGODB_PAGE_MAX_LIMIT = 1000
export const MONGODB_INSERT_MAX_DOCUMENTS = 1000
export const MONGODB_AGGREGATE_DEFAULT_LIMIT = 100
export const MONGODB_AGGREGATE_MAX_LIMIT = 1000
export const MONGODB_PREVIEW_DEFAULT_LIMIT = 10
export const MONGODB_PREVIEW_MAX_LIMIT = 100
export const MONGODB_PIPELINE_MAX_STAGES = 100

// MongoDB's own naming rules, checked here so a bad name is a 400, not a server error.
export const mongoDatabaseNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[^/\\. "$*<>:|?\0]+$/, 'A database name cannot contain / \\ . space " $ * < > : | ?')
export const mongoCollectionNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^$\0]+$/, 'A collection name cannot contain $ or a NUL character')
  .refine((name) => !name.startsWith('.') && !name.endsWith('.'), 'A collection name cannot start or end with a dot')

const connectionId = z.string().uuid('connectionId must be a UUID').optional()
const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1')
export const ejsonFormatSchema = z.enum(['relaxed', 'canonical']).default('relaxed')
/** Requested server-side time limit; the server clamps it to its configured cap. */
const maxTimeMS = z.coerce.number().int().min(1).max(86_400_000).optional()

export const mongoDatabaseQuerySchema = z.object({ db: mongoDatabaseNameSchema, connectionId })
export const mongoCollectionQuerySchema = mongoDatabaseQuerySchema.extend({ coll: mongoCollectionNameSchema })

export const mongoDatabaseSchema = z.object({ name: z.string(), sizeOnDisk: z.number().nullable(), empty: z.boolean() })
export type MongoDatabase = z.infer<typeof mongoDatabaseSchema>

export const mongoDatabaseStatsSchema = z.object({
  db: z.string(),
  collections: z.number(),
  views: z.number(),
  objects: z.number(),
  avgObjSize: z.number(),
  dataSize: z.number(),
  storageSize: z.number(),
  indexes: z.number(),
  indexSize: z.number(),
  totalSize: z.number().nullable(),
})
export type MongoDatabaseStats = z.infer<typeof mongoDatabaseStatsSchema>

export const mongoListCollectionsQuerySchema = mongoDatabaseQuerySchema.extend({ stats: booleanFlag })

export const mongoCollectionTypeSchema = z.enum(['collection', 'view', 'timeseries'])
export const mongoCollectionStatsSchema = z.object({
  count: z.number(),
  size: z.number(),
  avgObjSize: z.number(),
  storageSize: z.number(),
  nindexes: z.number(),
  totalIndexSize: z.number(),
  capped: z.boolean(),
})
export const mongoCollectionSchema = z.object({
  name: z.string(),
  type: mongoCollectionTypeSchema,
  stats: mongoCollectionStatsSchema.optional(),
})
export type MongoCollection = z.infer<typeof mongoCollectionSchema>

export const mongoCreateCollectionSchema = z
  .object({
    name: mongoCollectionNameSchema.refine((name) => !name.startsWith('system.'), 'system.* collections are reserved'),
    capped: z
      .object({ size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), max: z.number().int().min(1).optional() })
      .strict()
      .optional(),
    /** A query-style or `$jsonSchema` validator in EJSON. */
    validator: z.record(z.unknown()).optional(),
    validationLevel: z.enum(['off', 'strict', 'moderate']).optional(),
    validationAction: z.enum(['error', 'warn']).optional(),
    timeseries: z
      .object({
        timeField: z.string().min(1),
        metaField: z.string().min(1).optional(),
        granularity: z.enum(['seconds', 'minutes', 'hours']).optional(),
      })
      .strict()
      .optional(),
    /** Automatic deletion of time-series documents, in seconds. */
    expireAfterSeconds: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((input) => !(input.capped && input.timeseries), 'A collection cannot be both capped and time-series')
  .refine((input) => input.expireAfterSeconds === undefined || input.timeseries, {
    message: 'expireAfterSeconds applies to time-series collections (use a TTL index otherwise)',
    path: ['expireAfterSeconds'],
  })
export type MongoCreateCollection = z.infer<typeof mongoCreateCollectionSchema>

export const mongoDocumentsQuerySchema = mongoCollectionQuerySchema.extend({
  filter: z.string().max(1_000_000).optional(),
  projection: z.string().max(100_000).optional(),
  sort: z.string().max(100_000).optional(),
  skip: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MONGODB_PAGE_MAX_LIMIT, `limit cannot be more than ${MONGODB_PAGE_MAX_LIMIT}`)
    .default(MONGODB_PAGE_DEFAULT_LIMIT),
  maxTimeMS,
  format: ejsonFormatSchema,
  /** Also count the documents matching the filter exactly, within maxTimeMS. */
  exactCount: booleanFlag,
})
export type MongoDocumentsQuery = z.infer<typeof mongoDocumentsQuerySchema>

export const mongoExactCountSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), value: z.number() }),
  z.object({ status: z.literal('timeout'), maxTimeMS: z.number() }),
])
export const mongoDocumentsPageSchema = z.object({
  documents: z.array(z.record(z.unknown())),
  /** From collection metadata: fast, ignores the filter. */
  estimatedCount: z.number(),
  exactCount: mongoExactCountSchema.optional(),
  skip: z.number(),
  limit: z.number(),
  maxTimeMS: z.number(),
})
export type MongoDocumentsPage = z.infer<typeof mongoDocumentsPageSchema>

export const mongoInsertDocumentsSchema = z.union([
  z.object({ document: z.record(z.unknown()) }).strict(),
  z.object({ documents: z.array(z.record(z.unknown())).min(1).max(MONGODB_INSERT_MAX_DOCUMENTS) }).strict(),
])
export type MongoInsertDocuments = z.infer<typeof mongoInsertDocumentsSchema>

export const mongoWriteQuerySchema = mongoCollectionQuerySchema.extend({ maxTimeMS, format: ejsonFormatSchema })

/** `PATCH .../documents`: update every document matching `filter`. */
export const mongoBulkUpdateSchema = z
  .object({
    filter: z.record(z.unknown()),
    update: z.union([z.record(z.unknown()), z.array(z.record(z.unknown())).min(1)]),
    upsert: z.boolean().default(false),
  })
  .strict()
export type MongoBulkUpdate = z.infer<typeof mongoBulkUpdateSchema>

/** `DELETE .../documents?filter=`: the filter is required; `{}` deletes every document. */
export const mongoBulkDeleteQuerySchema = mongoCollectionQuerySchema.extend({
  filter: z.string({ required_error: 'filter is required (use {} to delete every document)' }).min(2).max(1_000_000),
  maxTimeMS,
})

export const mongoDocumentQuerySchema = mongoCollectionQuerySchema.extend({
  id: z.string().min(1).max(16_384),
  maxTimeMS,
  format: ejsonFormatSchema,
})

/** `PUT .../documents/[id]`: a whole replacement document, or update operators. */
export const mongoUpdateDocumentSchema = z.union([
  z.object({ replacement: z.record(z.unknown()) }).strict(),
  z.object({ update: z.union([z.record(z.unknown()), z.array(z.record(z.unknown())).min(1)]) }).strict(),
])
export type MongoUpdateDocument = z.infer<typeof mongoUpdateDocumentSchema>

export const mongoAggregateSchema = z
  .object({
    pipeline: z.array(z.record(z.unknown())).max(MONGODB_PIPELINE_MAX_STAGES),
    maxTimeMS: z.number().int().min(1).max(86_400_000).optional(),
    /** At most this many result documents are returned (`truncated` says if there were more). */
    limit: z.number().int().min(1).max(MONGODB_AGGREGATE_MAX_LIMIT).default(MONGODB_AGGREGATE_DEFAULT_LIMIT),
    format: ejsonFormatSchema,
    /** Pipeline-builder mode: the first `limit` documents after each stage instead of the result. */
    preview: z
      .object({ limit: z.number().int().min(1).max(MONGODB_PREVIEW_MAX_LIMIT).default(MONGODB_PREVIEW_DEFAULT_LIMIT) })
      .strict()
      .optional(),
    allowDiskUse: z.boolean().optional(),
  })
  .strict()
export type MongoAggregate = z.infer<typeof mongoAggregateSchema>

export const mongoAggregateResultSchema = z.object({
  documents: z.array(z.record(z.unknown())),
  truncated: z.boolean(),
  maxTimeMS: z.number(),
})
export const mongoAggregatePreviewSchema = z.object({
  stages: z.array(z.object({ index: z.number(), operator: z.string(), documents: z.array(z.record(z.unknown())) })),
  maxTimeMS: z.number(),
})

const indexDirection = z.union([z.literal(1), z.literal(-1), z.enum(['text', '2dsphere', '2d', 'hashed'])])
export const mongoCreateIndexSchema = z
  .object({
    key: z
      .record(indexDirection)
      .refine((key) => Object.keys(key).length > 0, 'An index needs at least one field')
      .refine((key) => Object.keys(key).every((field) => field.length > 0 && !field.startsWith('$')), 'Index fields cannot be empty or start with $'),
    name: z.string().min(1).max(255).optional(),
    unique: z.boolean().optional(),
    sparse: z.boolean().optional(),
    expireAfterSeconds: z.number().int().min(0).optional(),
    partialFilterExpression: z.record(z.unknown()).optional(),
    hidden: z.boolean().optional(),
  })
  .strict()
export type MongoCreateIndex = z.infer<typeof mongoCreateIndexSchema>

export const mongoIndexSchema = z.object({
  name: z.string(),
  key: z.record(z.unknown()),
  unique: z.boolean(),
  sparse: z.boolean(),
  expireAfterSeconds: z.number().optional(),
  partialFilterExpression: z.record(z.unknown()).optional(),
  hidden: z.boolean(),
})
export type MongoIndex = z.infer<typeof mongoIndexSchema>

export const mongoIndexQuerySchema = mongoCollectionQuerySchema.extend({ name: z.string().min(1).max(255) })
