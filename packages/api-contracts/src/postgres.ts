import { z } from 'zod'

import { parseJsonKeepingRaw, RawJson } from './json-text'

/**
 * Postgres routes under `/api/platform/pg-meta/[ref]/`. Response bodies use the field names and
 * shapes of supabase/postgres-meta, so clients written for Supabase Studio's pg-meta routes work
 * unchanged. Every route takes `?connectionId=` (else the project's primary Postgres connection).
 */

export const queryBoolean = (fallback: boolean) =>
  z
    .enum(['true', 'false'], { message: "Use 'true' or 'false'" })
    .optional()
    .transform((value) => (value === undefined ? fallback : value === 'true'))

/** pg-meta's comma-separated schema lists (`included_schemas=public,core`). */
const schemaList = z
  .string()
  .max(4000)
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
  )

const connectionIdParam = z.string().uuid('connectionId must be a UUID').optional()
const limitParam = z.coerce.number().int().min(1).max(100000).optional()
const offsetParam = z.coerce.number().int().min(0).optional()

/** The schemas pg-meta hides unless `include_system_schemas=true`. */
export const PG_SYSTEM_SCHEMAS = ['information_schema', 'pg_catalog', 'pg_toast'] as const

/**
 * pg-meta's listing parameters. `included_schemas` wins over `excluded_schemas`; without
 * `include_system_schemas=true` the system schemas are excluded too. `include_columns` defaults to
 * true, as in pg-meta.
 */
export const pgListQuerySchema = z.object({
  connectionId: connectionIdParam,
  included_schemas: schemaList,
  excluded_schemas: schemaList,
  include_system_schemas: queryBoolean(false),
  include_columns: queryBoolean(true),
  limit: limitParam,
  offset: offsetParam,
})
export type PgListQuery = z.infer<typeof pgListQuerySchema>

/** Policies and triggers have no columns to include. */
export const pgSchemaListQuerySchema = pgListQuerySchema.omit({ include_columns: true })
export type PgSchemaListQuery = z.infer<typeof pgSchemaListQuerySchema>

/** `types` also takes pg-meta's switches for array types and table row types (both off by default). */
export const pgTypesQuerySchema = pgListQuerySchema.omit({ include_columns: true }).extend({
  include_array_types: queryBoolean(false),
  include_table_types: queryBoolean(false),
})
export type PgTypesQuery = z.infer<typeof pgTypesQuerySchema>

/** pg-meta lists every available extension; only paging applies. */
export const pgExtensionsQuerySchema = z.object({ connectionId: connectionIdParam, limit: limitParam, offset: offsetParam })
export type PgExtensionsQuery = z.infer<typeof pgExtensionsQuerySchema>

/** A table, view or other relation is addressed by its oid, as pg-meta's `id`. */
export const pgRelationIdSchema = z.coerce
  .number({ message: 'Table id must be a number (the table oid)' })
  .int('Table id must be an integer')
  .min(1, 'Table id must be positive')
  .max(4294967295, 'Table id must be an oid')

export const pgTableQuerySchema = z.object({ connectionId: connectionIdParam, id: pgRelationIdSchema })

export const pgColumnSchema = z.object({
  table_id: z.number(),
  schema: z.string(),
  table: z.string(),
  id: z.string(),
  ordinal_position: z.number(),
  name: z.string(),
  default_value: z.string().nullable(),
  data_type: z.string(),
  format: z.string(),
  is_identity: z.boolean(),
  identity_generation: z.enum(['ALWAYS', 'BY DEFAULT']).nullable(),
  is_generated: z.boolean(),
  is_nullable: z.boolean(),
  is_updatable: z.boolean(),
  is_unique: z.boolean(),
  enums: z.array(z.string()),
  check: z.string().nullable(),
  comment: z.string().nullable(),
})
export type PgColumn = z.infer<typeof pgColumnSchema>

export const pgPrimaryKeySchema = z.object({ schema: z.string(), table_name: z.string(), name: z.string(), table_id: z.number() })
export type PgPrimaryKey = z.infer<typeof pgPrimaryKeySchema>

export const pgRelationshipSchema = z.object({
  id: z.number(),
  constraint_name: z.string(),
  source_schema: z.string(),
  source_table_name: z.string(),
  source_column_name: z.string(),
  target_table_schema: z.string(),
  target_table_name: z.string(),
  target_column_name: z.string(),
})
export type PgRelationship = z.infer<typeof pgRelationshipSchema>

export const pgTableSchema = z.object({
  id: z.number(),
  schema: z.string(),
  name: z.string(),
  rls_enabled: z.boolean(),
  rls_forced: z.boolean(),
  replica_identity: z.enum(['DEFAULT', 'INDEX', 'FULL', 'NOTHING']),
  bytes: z.number(),
  size: z.string(),
  live_rows_estimate: z.number(),
  dead_rows_estimate: z.number(),
  comment: z.string().nullable(),
  columns: z.array(pgColumnSchema).optional(),
  primary_keys: z.array(pgPrimaryKeySchema),
  relationships: z.array(pgRelationshipSchema),
})
export type PgTable = z.infer<typeof pgTableSchema>

export const pgViewSchema = z.object({
  id: z.number(),
  schema: z.string(),
  name: z.string(),
  is_updatable: z.boolean(),
  comment: z.string().nullable(),
  columns: z.array(pgColumnSchema).optional(),
})
export type PgView = z.infer<typeof pgViewSchema>

export const pgPolicySchema = z.object({
  id: z.number(),
  schema: z.string(),
  table: z.string(),
  table_id: z.number(),
  name: z.string(),
  action: z.enum(['PERMISSIVE', 'RESTRICTIVE']),
  roles: z.array(z.string()),
  command: z.enum(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'ALL']),
  definition: z.string().nullable(),
  check: z.string().nullable(),
})
export type PgPolicy = z.infer<typeof pgPolicySchema>

export const pgTriggerSchema = z.object({
  id: z.number(),
  table_id: z.number(),
  enabled_mode: z.enum(['ORIGIN', 'REPLICA', 'ALWAYS', 'DISABLED']),
  function_args: z.array(z.string()),
  name: z.string(),
  table: z.string(),
  schema: z.string(),
  condition: z.string().nullable(),
  orientation: z.enum(['ROW', 'STATEMENT']),
  activation: z.enum(['BEFORE', 'AFTER', 'INSTEAD OF']),
  events: z.array(z.enum(['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'])),
  function_name: z.string(),
  function_schema: z.string(),
})
export type PgTrigger = z.infer<typeof pgTriggerSchema>

export const pgExtensionSchema = z.object({
  name: z.string(),
  schema: z.string().nullable(),
  default_version: z.string().nullable(),
  installed_version: z.string().nullable(),
  comment: z.string().nullable(),
})
export type PgExtension = z.infer<typeof pgExtensionSchema>

export const pgTypeSchema = z.object({
  id: z.number(),
  name: z.string(),
  schema: z.string(),
  format: z.string(),
  enums: z.array(z.string()),
  attributes: z.array(z.object({ name: z.string(), type_id: z.number() })),
  comment: z.string().nullable(),
  type_relation_id: z.number().nullable(),
})
export type PgType = z.infer<typeof pgTypeSchema>

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/**
 * How a column's values travel as JSON, so a client never guesses (see README, "Postgres values"):
 * - `boolean`: true/false. `integer` (int2, int4, oid): JSON numbers.
 * - `float` (float4, float8): JSON numbers; NaN, Infinity, -Infinity as the strings "NaN", "Infinity", "-Infinity".
 * - `decimal` (int8, numeric, money): strings with every digit. Requests may also send exact JSON
 *   numbers: the server reads their digits, never a rounded double.
 * - `json` (json, jsonb): the stored text itself, spliced into the response (duplicate keys and
 *   numbers beyond double precision kept). Read it with `parseJsonKeepingRaw` to keep it exact.
 * - `text`: every other type (dates, intervals, bytea as `\x` hex, inet, uuid, xml, enums, ranges...)
 *   as Postgres writes it.
 * Domains use their base type's codec; `array: true` means (nested) JSON arrays of the codec.
 */
export const PG_VALUE_CODECS = ['boolean', 'integer', 'float', 'decimal', 'json', 'text'] as const
export type PgValueCodec = (typeof PG_VALUE_CODECS)[number]

export const pgColumnCodecSchema = z.object({ codec: z.enum(PG_VALUE_CODECS), array: z.boolean() })
export type PgColumnCodec = z.infer<typeof pgColumnCodecSchema>

export const pgValueColumnSchema = pgColumnCodecSchema.extend({
  name: z.string(),
  /** `format_type` with modifiers, e.g. `numeric(10,2)`, `text[]`. */
  type: z.string(),
})
export type PgValueColumn = z.infer<typeof pgValueColumnSchema>

// ---------------------------------------------------------------------------------------------
// SQL route
// ---------------------------------------------------------------------------------------------

/**
 * SQL to run. Members who may write can send a script of several statements (the last result is
 * returned). A read_only member's SQL runs inside a READ ONLY transaction and must be a single
 * statement, so it cannot end that transaction and write after it.
 */
export const pgQueryBodySchema = z
  .object({
    query: z.string().min(1, 'query is empty').max(1_000_000, 'query is longer than 1,000,000 characters'),
    /** Statement timeout for this request; at most the server's cap (PG_QUERY_MAX_TIMEOUT_MS). */
    timeoutMs: z.number().int().min(1).optional(),
  })
  .strict()
export type PgQueryBody = z.infer<typeof pgQueryBodySchema>

export const pgQueryFieldSchema = z.object({
  name: z.string(),
  /** Type oid, as node-postgres reports it. */
  dataTypeID: z.number(),
  /** `format_type(oid, NULL)`, e.g. `integer`, `text[]`, `timestamp with time zone`, or an enum's name. */
  type: z.string(),
  /** How this field's values are written in `rows`. */
  codec: z.enum(PG_VALUE_CODECS),
  array: z.boolean(),
})

/** Values are written by each field's codec (see PG_VALUE_CODECS); json/jsonb are their exact text. */
export const pgQueryResultSchema = z.object({
  /** Rows as objects keyed by column name (as pg-meta; of two same-named columns the last wins). */
  rows: z.array(z.record(z.unknown())),
  fields: z.array(pgQueryFieldSchema),
  /** Rows the statement returned or affected (before any cut). */
  rowCount: z.number().nullable(),
  /** Command tag of the last statement: SELECT, INSERT, UPDATE, CREATE TABLE... */
  command: z.string().nullable(),
  truncated: z.boolean(),
  /** Why `rows` holds fewer rows than the statement returned. */
  truncatedReason: z.enum(['max_rows', 'max_bytes']).optional(),
  limits: z.object({ maxRows: z.number(), maxBytes: z.number(), timeoutMs: z.number() }),
  /** true when the caller's role ran the SQL in a READ ONLY transaction. */
  readOnly: z.boolean(),
  durationMs: z.number(),
})
export type PgQueryResult = z.infer<typeof pgQueryResultSchema>

// ---------------------------------------------------------------------------------------------
// Table explorer
// ---------------------------------------------------------------------------------------------

export const PG_FILTER_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'is', 'in'] as const
export type PgFilterOperator = (typeof PG_FILTER_OPERATORS)[number]

export interface PgRowFilter {
  column: string
  operator: PgFilterOperator
  /** string for comparisons and patterns, 'null' | 'not_null' | 'true' | 'false' for `is`, a list for `in`. */
  value: string | string[]
}

const repeated = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  .pipe(z.array(z.string().max(10000)).max(20, 'At most 20 of these'))

/**
 * `filter=column:operator:value`, repeatable (all filters must match). The value is everything after
 * the second colon, so it may itself contain colons.
 * - `eq neq gt gte lt lte`: compare with the value, read as the column's type (`age:gte:18`).
 * - `like ilike`: SQL pattern on the column's text (`name:ilike:%ann%`).
 * - `is`: `null`, `not_null`, `true` or `false` (`deleted_at:is:null`).
 * - `in`: a JSON array of values (`id:in:[1,2,3]`, `tag:in:["a","b"]`).
 */
export const pgRowFilterSchema = z.string().transform((raw, ctx): PgRowFilter => {
  const first = raw.indexOf(':')
  const second = first < 0 ? -1 : raw.indexOf(':', first + 1)
  if (first <= 0 || second < 0) {
    ctx.addIssue({ code: 'custom', message: `Filter "${raw}" is not column:operator:value` })
    return z.NEVER
  }
  const column = raw.slice(0, first)
  const operator = raw.slice(first + 1, second)
  const value = raw.slice(second + 1)
  if (!(PG_FILTER_OPERATORS as readonly string[]).includes(operator)) {
    ctx.addIssue({ code: 'custom', message: `Unknown filter operator "${operator}"; use one of ${PG_FILTER_OPERATORS.join(', ')}` })
    return z.NEVER
  }
  if (operator === 'is') {
    if (!['null', 'not_null', 'true', 'false'].includes(value)) {
      ctx.addIssue({ code: 'custom', message: 'The is operator takes null, not_null, true or false' })
      return z.NEVER
    }
    return { column, operator, value }
  }
  if (operator === 'in') {
    let list: unknown
    try {
      // Items keep their source text, so 9007199254740993 is compared as written, not as a double.
      list = parseJsonKeepingRaw(value, (path) => path.length === 1)
    } catch {
      list = undefined
    }
    const items = Array.isArray(list) ? (list as RawJson[]) : []
    if (!items.length || items.length > 1000 || items.some((item) => item.kind === '{' || item.kind === '[')) {
      ctx.addIssue({ code: 'custom', message: 'The in operator takes a JSON array of 1 to 1000 scalar values, e.g. [1,2,3]' })
      return z.NEVER
    }
    const texts = items.map((item) => (item.isNull ? null : item.kind === '"' ? (JSON.parse(item.text) as string) : item.text.trim()))
    return { column, operator, value: texts as string[] }
  }
  return { column, operator: operator as PgFilterOperator, value }
})

export interface PgRowSort {
  column: string
  direction: 'asc' | 'desc'
}

/** `sort=column:asc,other:desc` (direction optional, asc by default). */
export const pgRowSortSchema = z
  .string()
  .max(4000)
  .optional()
  .transform((raw, ctx): PgRowSort[] => {
    if (!raw) return []
    return raw.split(',').map((part) => {
      const at = part.lastIndexOf(':')
      const column = at < 0 ? part : part.slice(0, at)
      const direction = at < 0 ? 'asc' : part.slice(at + 1)
      if (!column || (direction !== 'asc' && direction !== 'desc')) {
        ctx.addIssue({ code: 'custom', message: `Sort "${part}" is not column:asc or column:desc` })
      }
      return { column, direction: direction === 'desc' ? 'desc' : 'asc' }
    })
  })

export const PG_ROWS_MAX_LIMIT = 1000

export const pgRowsQuerySchema = z.object({
  connectionId: connectionIdParam,
  id: pgRelationIdSchema,
  limit: z.coerce.number().int().min(1).max(PG_ROWS_MAX_LIMIT).default(100),
  offset: z.coerce.number().int().min(0).max(100_000_000).default(0),
  sort: pgRowSortSchema,
  filter: repeated.pipe(z.array(pgRowFilterSchema)),
})
export type PgRowsQuery = z.infer<typeof pgRowsQuerySchema>

export const pgRowsResultSchema = z.object({
  rows: z.array(z.record(z.unknown())),
  /** Columns in table order, with their type (`format_type`) and value codec. */
  columns: z.array(pgValueColumnSchema),
  primary_keys: z.array(z.string()),
  limit: z.number(),
  offset: z.number(),
  /** Matching rows: counted exactly up to a bound, the planner's estimate beyond it. */
  total: z.number(),
  total_is_estimate: z.boolean(),
})
export type PgRowsResult = z.infer<typeof pgRowsResultSchema>

const rowValues = z.record(z.unknown()).refine((values) => Object.keys(values).length <= 1600, 'Too many columns')

/**
 * A row is addressed by its primary key values: `?pk={"id":1}` or `?pk={"a":"x","b":2}` (a JSON
 * object naming every primary key column). Tables without a primary key are read-only.
 */
export const pgRowKeySchema = z
  .string({ message: 'pk is required: a JSON object of the primary key values' })
  .max(100000)
  .transform((raw, ctx) => {
    try {
      // Each key value stays its exact text, so a bigint key beyond 2^53 addresses the right row.
      const parsed = parseJsonKeepingRaw(raw, (path) => path.length === 1)
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && !(parsed instanceof RawJson)) return parsed as Record<string, RawJson>
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'pk must be a JSON object of the primary key values, e.g. {"id":1}' })
    return z.NEVER
  })

export const pgRowAddressQuerySchema = z.object({ connectionId: connectionIdParam, id: pgRelationIdSchema, pk: pgRowKeySchema })
export const pgRowInsertQuerySchema = z.object({ connectionId: connectionIdParam, id: pgRelationIdSchema })

/**
 * Column values keyed by column name, each read by its column's codec: json/jsonb take any JSON
 * value, kept exactly as sent; arrays take a JSON array or their Postgres literal as a string;
 * bigint/numeric/money take a string or a JSON number (its digits, never rounded); floats take a
 * number or "NaN"/"Infinity"/"-Infinity"; every other type takes its Postgres text form. JSON null
 * is SQL NULL. The server reads these values from the request text itself, so no number is rounded.
 */
export const pgRowValuesBodySchema = z.object({ values: rowValues }).strict()
export type PgRowValuesBody = z.infer<typeof pgRowValuesBodySchema>

export const pgRowResultSchema = z.object({ row: z.record(z.unknown()), columns: z.array(pgValueColumnSchema) })
export type PgRowResult = z.infer<typeof pgRowResultSchema>
