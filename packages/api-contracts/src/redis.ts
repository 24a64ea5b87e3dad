import { z } from 'zod'

/**
 * Redis key browser contracts. Redis keys and values are byte strings; JSON carries text. Every name
 * or value that is not valid UTF-8 travels as base64 with an explicit encoding flag, so binary data
 * round-trips: a key in a listing says `{ name, encoding }`, a route addressing a key takes
 * `?encoding=base64` for its path segment, and a value-carrying body or response says `valueEncoding`.
 */
export const redisTextEncodingSchema = z.enum(['utf8', 'base64'])
export type RedisTextEncoding = z.infer<typeof redisTextEncodingSchema>

/** Value types the browser reads and writes; `json` needs the RedisJSON module on the server. */
export const redisValueTypeSchema = z.enum(['string', 'hash', 'list', 'set', 'zset', 'stream', 'json'])
export type RedisValueType = z.infer<typeof redisValueTypeSchema>

export const REDIS_KEY_PAGE_MAX = 1000
export const REDIS_VALUE_PAGE_MAX = 1000
/** Strings longer than this come back truncated (with their full length); `?download=1` gets them whole. */
export const REDIS_STRING_PREVIEW_BYTES = 64 * 1024

const connectionIdQuery = z.string().uuid().optional()
const flag = z.enum(['1', 'true', '0', 'false']).transform((value) => value === '1' || value === 'true')

export const redisKeyRefSchema = z.object({ name: z.string(), encoding: redisTextEncodingSchema })
export type RedisKeyRef = z.infer<typeof redisKeyRefSchema>

// ---------------------------------------------------------------- GET keys

export const redisListKeysQuerySchema = z.object({
  ref: z.string(),
  connectionId: connectionIdQuery,
  /** SCAN MATCH glob (default `*`). */
  pattern: z.string().min(1).max(1024).default('*'),
  type: redisValueTypeSchema.optional(),
  /** The `cursor` of the previous page; `0` starts a scan. */
  cursor: z.string().regex(/^\d{1,20}$/, 'cursor must be the decimal cursor of a previous page').default('0'),
  count: z.coerce.number().int().min(1).max(REDIS_KEY_PAGE_MAX, `count must be at most ${REDIS_KEY_PAGE_MAX}`).default(100),
  /** Adds MEMORY USAGE per key (costs the server more, so only on request). */
  withSize: flag.default('false'),
})
export type RedisListKeysQuery = z.input<typeof redisListKeysQuerySchema>

export const redisKeySummarySchema = redisKeyRefSchema.extend({
  /** The Redis TYPE (`string`, `hash`, ..., `json` for RedisJSON, or a module's own type name). */
  type: z.string(),
  /** Seconds to live (rounded up), null when the key does not expire. */
  ttl: z.number().int().nullable(),
  /** Bytes from MEMORY USAGE, only when `withSize` was asked for. */
  size: z.number().int().nullable().optional(),
})
export type RedisKeySummary = z.infer<typeof redisKeySummarySchema>

export const redisListKeysResponseSchema = z.object({
  keys: z.array(redisKeySummarySchema),
  /** Pass as `cursor` for the next page; `0` when the scan went round the whole keyspace. */
  cursor: z.string(),
  complete: z.boolean(),
  /**
   * Keyspace slots this page asked SCAN to examine (the sum of its COUNT hints): how far a sparse
   * filter got before the page's scan budget ran out.
   */
  scanned: z.number().int(),
  /** DBSIZE of the connection's database, to show scanned against total. */
  total: z.number().int(),
})
export type RedisListKeysResponse = z.infer<typeof redisListKeysResponseSchema>

// ---------------------------------------------------------------- GET keys/[key]

/**
 * A route addressing a key takes its name as the `[key]` path segment, URL-encoded. Names that cannot
 * travel as a path segment — not valid UTF-8, `.` and `..` (URLs normalise them away), `bulk-delete`
 * (a sibling route) — are sent as base64 (URL-safe alphabet accepted) with `?encoding=base64`.
 */
export const redisKeyPathQuerySchema = z.object({
  ref: z.string(),
  key: z.string(),
  encoding: redisTextEncodingSchema.default('utf8'),
  connectionId: connectionIdQuery,
})

export const redisGetKeyQuerySchema = redisKeyPathQuerySchema.extend({
  /** HSCAN/SSCAN cursor (hash, set) or the stream entry id to continue after (stream). */
  cursor: z.string().max(64).optional(),
  /** Index of the first element (list, zset). */
  offset: z.coerce.number().int().min(0).default(0),
  count: z.coerce.number().int().min(1).max(REDIS_VALUE_PAGE_MAX, `count must be at most ${REDIS_VALUE_PAGE_MAX}`).default(100),
  /** Sends a string's full value as an attachment instead of the JSON view. */
  download: flag.default('false'),
  /**
   * The caller already knows the key holds a string (from the key list): the value is read with one
   * GETRANGE instead of the key-overview script, and ttl/length/objectEncoding/memoryUsage are not
   * read (null, with `metadataOmitted: true`). A key that is not a non-empty string gets the full read.
   */
  type: z.literal('string').optional(),
})
export type RedisGetKeyQuery = z.input<typeof redisGetKeyQuerySchema>

/**
 * A hash's fields or a stream entry's fields: an ordered list of `[field, value]` pairs, as Redis
 * replies them. Not a JS object: an object drops a field named `__proto__`, moves integer-like names
 * to the front and cannot hold the duplicate field names a stream entry may have.
 */
export const redisFieldPairsSchema = z.array(z.tuple([z.string(), z.string()]))
export type RedisFieldPairs = z.infer<typeof redisFieldPairsSchema>

const zsetMemberSchema = z.object({ member: z.string(), score: z.string() })
const streamEntrySchema = z.object({ id: z.string(), fields: redisFieldPairsSchema })
const streamGroupSchema = z.object({
  name: z.string(),
  consumers: z.number().int(),
  pending: z.number().int(),
  lastDeliveredId: z.string(),
  lag: z.number().int().nullable(),
})

export const redisKeyValueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('string'), value: z.string(), truncated: z.boolean() }),
  z.object({ type: z.literal('hash'), fields: redisFieldPairsSchema, cursor: z.string() }),
  z.object({ type: z.literal('list'), items: z.array(z.string()), offset: z.number().int(), nextOffset: z.number().int().nullable() }),
  z.object({ type: z.literal('set'), members: z.array(z.string()), cursor: z.string() }),
  z.object({ type: z.literal('zset'), members: z.array(zsetMemberSchema), offset: z.number().int(), nextOffset: z.number().int().nullable() }),
  z.object({ type: z.literal('stream'), entries: z.array(streamEntrySchema), nextCursor: z.string().nullable(), groups: z.array(streamGroupSchema) }),
  z.object({ type: z.literal('json'), value: z.unknown() }),
  z.object({ type: z.literal('unsupported'), redisType: z.string() }),
])
export type RedisKeyValue = z.infer<typeof redisKeyValueSchema>

export const redisKeyDetailSchema = redisKeyRefSchema.extend({
  type: z.string(),
  ttl: z.number().int().nullable(),
  /** STRLEN, HLEN, LLEN, SCARD, ZCARD or XLEN; null for JSON and module types. */
  length: z.number().int().nullable(),
  /** OBJECT ENCODING (listpack, hashtable, embstr, ...). */
  objectEncoding: z.string().nullable(),
  memoryUsage: z.number().int().nullable(),
  /** How the strings inside `value` are written; base64 when any of them is not valid UTF-8. */
  valueEncoding: redisTextEncodingSchema,
  value: redisKeyValueSchema,
  /** Present on a `type=string` read: the null ttl/length/objectEncoding/memoryUsage were not read. */
  metadataOmitted: z.literal(true).optional(),
})
export type RedisKeyDetail = z.infer<typeof redisKeyDetailSchema>

// ---------------------------------------------------------------- POST keys/[key]

const ttlSchema = z.number().int().min(1, 'ttl must be a positive number of seconds').max(10 * 365 * 24 * 3600)
const redisString = z.string().max(512 * 1024 * 1024)
/** `[field, value]` pairs in the order they are written; any name, duplicates allowed (see above). */
const nonEmptyFieldPairs = z.array(z.tuple([redisString, redisString])).min(1, 'needs at least one field')
const scoreSchema = z.union([z.number().finite(), z.enum(['+inf', '-inf', 'inf'])])
/** `*` (server-assigned) or an explicit `<ms>-<seq>` id. */
export const streamIdSchema = z.string().regex(/^(\*|\d{1,20}-\d{1,20})$/, 'stream id must be * or <milliseconds>-<sequence>')
const streamEntryInputSchema = z.object({ id: streamIdSchema.default('*'), fields: nonEmptyFieldPairs }).strict()

const createCommon = {
  ttl: ttlSchema.optional(),
  /** Replace an existing key (of any type) instead of answering 409 KEY_EXISTS. */
  overwrite: z.boolean().default(false),
  valueEncoding: redisTextEncodingSchema.default('utf8'),
}

export const redisCreateKeyBodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('string'), value: redisString, ...createCommon }).strict(),
  z.object({ type: z.literal('hash'), value: nonEmptyFieldPairs, ...createCommon }).strict(),
  z.object({ type: z.literal('list'), value: z.array(redisString).min(1), ...createCommon }).strict(),
  z.object({ type: z.literal('set'), value: z.array(redisString).min(1), ...createCommon }).strict(),
  z
    .object({ type: z.literal('zset'), value: z.array(z.object({ member: redisString, score: scoreSchema }).strict()).min(1), ...createCommon })
    .strict(),
  z.object({ type: z.literal('stream'), value: z.array(streamEntryInputSchema).min(1), ...createCommon }).strict(),
  z.object({ type: z.literal('json'), value: z.unknown(), ...createCommon }).strict(),
])
export type RedisCreateKeyBody = z.input<typeof redisCreateKeyBodySchema>

export const redisWriteResultSchema = redisKeyRefSchema.extend({
  type: z.string(),
  length: z.number().int().nullable(),
  ttl: z.number().int().nullable(),
  /** What the edit returned when it is useful: new score, assigned stream ids, removed count. */
  result: z.unknown().optional(),
})
export type RedisWriteResult = z.infer<typeof redisWriteResultSchema>

// ---------------------------------------------------------------- PUT keys/[key]

const edit = <A extends string, S extends z.ZodRawShape>(action: A, shape: S) =>
  z.object({ action: z.literal(action), valueEncoding: redisTextEncodingSchema.default('utf8'), ...shape }).strict()

export const redisEditKeyBodySchema = z.discriminatedUnion('action', [
  edit('set', { value: redisString }),
  edit('hset', { fields: nonEmptyFieldPairs }),
  edit('hdel', { fields: z.array(redisString).min(1) }),
  edit('push', { values: z.array(redisString).min(1), side: z.enum(['left', 'right']).default('right') }),
  edit('lset', { index: z.number().int(), value: redisString }),
  /** LREM: count 0 removes every occurrence, >0 from the head, <0 from the tail. */
  edit('lrem', { value: redisString, count: z.number().int().default(0) }),
  edit('sadd', { members: z.array(redisString).min(1) }),
  edit('srem', { members: z.array(redisString).min(1) }),
  edit('zadd', { members: z.array(z.object({ member: redisString, score: scoreSchema }).strict()).min(1) }),
  edit('zrem', { members: z.array(redisString).min(1) }),
  edit('zincrby', { member: redisString, increment: z.number().finite() }),
  edit('xadd', { entries: z.array(streamEntryInputSchema).min(1) }),
  edit('xdel', { ids: z.array(streamIdSchema.refine((id) => id !== '*', 'xdel needs explicit ids')).min(1) }),
  edit('json.set', { path: z.string().min(1).max(1024).default('$'), value: z.unknown() }),
  /** RENAMENX: 409 KEY_EXISTS when the new name is taken. `valueEncoding` applies to `newName`. */
  edit('rename', { newName: z.string().min(1) }),
])
export type RedisEditKeyBody = z.input<typeof redisEditKeyBodySchema>
export type RedisEditAction = z.infer<typeof redisEditKeyBodySchema>['action']

// ---------------------------------------------------------------- POST keys/[key]/expire

export const redisExpireBodySchema = z.union([
  z.object({ seconds: ttlSchema }).strict(),
  z.object({ persist: z.literal(true) }).strict(),
])
export type RedisExpireBody = z.infer<typeof redisExpireBodySchema>
export const redisExpireResponseSchema = redisKeyRefSchema.extend({ ttl: z.number().int().nullable() })

// ---------------------------------------------------------------- info, stats

export const redisServerQuerySchema = z.object({ ref: z.string(), connectionId: connectionIdQuery })

export const redisInfoResponseSchema = z.object({
  /** INFO's sections (`server`, `clients`, `memory`, `keyspace`, ...) as field → raw value. */
  sections: z.record(z.string(), z.record(z.string(), z.string())),
})
export type RedisInfoResponse = z.infer<typeof redisInfoResponseSchema>

export const redisKeyspaceDbSchema = z.object({ db: z.number().int(), keys: z.number().int(), expires: z.number().int(), avgTtlMs: z.number().int() })

/**
 * One sample of the server's counters, taken when the call was made. The server keeps no history:
 * the UI polls and keeps the series for its chart, so any Studio instance can answer.
 */
export const redisStatsResponseSchema = z.object({
  sampledAt: z.string(),
  uptimeSeconds: z.number(),
  opsPerSec: z.number(),
  /** Monotonic counter: two samples give the exact ops/s between them. */
  totalCommandsProcessed: z.number(),
  usedMemory: z.number(),
  usedMemoryPeak: z.number(),
  maxMemory: z.number(),
  connectedClients: z.number(),
  blockedClients: z.number(),
  keyspaceHits: z.number(),
  keyspaceMisses: z.number(),
  /** hits / (hits + misses) since the server's stats were reset; null before any lookup. */
  hitRatio: z.number().nullable(),
  inputKbps: z.number(),
  outputKbps: z.number(),
  keyspace: z.array(redisKeyspaceDbSchema),
})
export type RedisStatsResponse = z.infer<typeof redisStatsResponseSchema>
