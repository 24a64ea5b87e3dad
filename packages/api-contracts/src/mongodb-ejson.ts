import { BSONRegExp, Code, EJSON, type Document } from 'bson'

/**
 * Extended JSON input and output shared by the API and the UI. Everything here is pure (only `bson`,
 * which runs in browsers too): the server uses it to refuse bad input before it reaches MongoDB, and
 * the UI can use the same functions to flag the same mistakes while the user types.
 *
 * Input is only ever *parsed* as EJSON; nothing is evaluated. Server-side JavaScript is refused
 * wherever it is nested, because that is how mongo-express's remote-code-execution bugs happened.
 */

/** Operators that run JavaScript on the server. Refused in filters, projections, updates, pipelines. */
export const SERVER_JAVASCRIPT_OPERATORS = ['$where', '$function', '$accumulator'] as const

/** Aggregation stages that write to a collection, so they need write rights. */
export const WRITE_STAGES = ['$out', '$merge'] as const

/** Deeper nesting than this is refused: no legitimate query needs it, and walking it costs stack. */
export const MAX_EJSON_DEPTH = 100

export type EjsonFormat = 'relaxed' | 'canonical'

/** A problem with EJSON input, with the code the API answers with and where it was found. */
export class EjsonInputError extends Error {
  constructor(
    message: string,
    readonly code: 'INVALID_EJSON' | 'OPERATOR_NOT_ALLOWED' | 'INVALID_DOCUMENT_ID',
    readonly details: { field?: string; path?: string; operator?: string } = {}
  ) {
    super(message)
    this.name = 'EjsonInputError'
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * Parses EJSON text. Numbers are kept with their BSON type (`relaxed: false`) so an Int64 or a double
 * written in canonical form is stored as that type, not as whatever a JS number would become.
 */
export function parseEjson(text: string, field: string): unknown {
  let value: unknown
  try {
    value = EJSON.parse(text, { relaxed: false })
  } catch (error) {
    throw new EjsonInputError(`${field} is not valid Extended JSON: ${(error as Error).message}`, 'INVALID_EJSON', { field })
  }
  assertValidDates(value, field, 0)
  return value
}

/** Turns a JSON value that came in a request body (already JSON-parsed) into BSON values. */
export function deserializeEjson(value: unknown, field: string): unknown {
  let result: unknown
  try {
    result = EJSON.deserialize(value as Document, { relaxed: false })
  } catch (error) {
    throw new EjsonInputError(`${field} is not valid Extended JSON: ${(error as Error).message}`, 'INVALID_EJSON', { field })
  }
  assertValidDates(result, field, 0)
  return result
}

/** `bson` turns an unparseable `{"$date": "..."}` into an Invalid Date, which would be stored as 1970. */
function assertValidDates(value: unknown, path: string, depth: number): void {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new EjsonInputError(`${path} is not a valid date`, 'INVALID_EJSON', { path })
    return
  }
  if (depth > MAX_EJSON_DEPTH) {
    throw new EjsonInputError(`Input is nested deeper than ${MAX_EJSON_DEPTH} levels`, 'INVALID_EJSON', { path })
  }
  if (Array.isArray(value)) value.forEach((item, index) => assertValidDates(item, `${path}[${index}]`, depth + 1))
  else if (isPlainObject(value)) for (const key of Object.keys(value)) assertValidDates(value[key], `${path}.${key}`, depth + 1)
}

/**
 * The JSON form of BSON values, canonical (every type explicit) or readable. Readable output is the
 * relaxed form wherever relaxed EJSON is lossless, and the canonical wrapper wherever it is not, so
 * that parsing it back (`parseEjson`, `deserializeEjson`) gives exactly the stored types: a document
 * read and written back unchanged stays byte-identical.
 */
export function serializeEjson(value: unknown, format: EjsonFormat): unknown {
  if (format === 'canonical') return EJSON.serialize(value, { relaxed: false })
  return toReadableEjson(value)
}

const bsonTypeOf = (value: unknown): string | undefined =>
  value !== null && typeof value === 'object' ? (value as { _bsontype?: string })._bsontype : undefined

/**
 * Readable, lossless EJSON of BSON values (as the driver returns them with `promoteValues: false`).
 * A JSON number parses back as an Int32 when integral and as a Double otherwise, so only an Int32 and
 * a finite non-integral Double may be plain numbers. Everything relaxed EJSON would change keeps its
 * canonical wrapper: an Int64 of any size (relaxed makes it a number, read back as an Int32), a
 * Double with an integral value or -0 (read back as an Int32), NaN and Infinity, and a Timestamp
 * (a subclass of Long in `bson`, so a Long check alone would turn it into an Int64).
 * Dates use the relaxed ISO form, which `bson` only picks when it round-trips to the millisecond.
 */
export function toReadableEjson(value: unknown): unknown {
  const type = bsonTypeOf(value)
  if (type === 'Int32') return Number((value as { value: number }).value)
  if (type === 'Double') {
    const number = Number((value as { value: number }).value)
    return Number.isFinite(number) && !Number.isInteger(number) ? number : EJSON.serialize(value, { relaxed: false })
  }
  // ObjectId, Binary, Regex, Timestamp, Long, Decimal128, MinKey/MaxKey, DBRef...: explicit wrappers.
  if (type) return EJSON.serialize(value, { relaxed: false })
  if (value instanceof Date) return EJSON.serialize(value, { relaxed: true })
  if (Array.isArray(value)) return value.map(toReadableEjson)
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(value)) {
      // defineProperty, not assignment: a field named `__proto__` is data and must stay a field.
      Object.defineProperty(copy, key, { value: toReadableEjson(child), enumerable: true, writable: true, configurable: true })
    }
    return copy
  }
  return value
}

/**
 * Throws OPERATOR_NOT_ALLOWED if server-side JavaScript appears anywhere in the value: one of the
 * operators above as a key at any depth (inside `$and`, `$or`, `$expr`, `$lookup` pipelines, ...) or
 * a BSON Code value, which only exists to be run.
 */
export function assertNoServerJavaScript(value: unknown, field: string): void {
  walk(value, field, 0, (key, path) => {
    if ((SERVER_JAVASCRIPT_OPERATORS as readonly string[]).includes(key)) {
      throw new EjsonInputError(`${key} runs JavaScript on the server and is not allowed`, 'OPERATOR_NOT_ALLOWED', {
        field,
        path,
        operator: key,
      })
    }
  })
}

/** True when a pipeline contains a stage that writes (`$out`, `$merge`), at any depth. */
export function pipelineWritesData(pipeline: unknown): boolean {
  let writes = false
  walk(pipeline, 'pipeline', 0, (key) => {
    if ((WRITE_STAGES as readonly string[]).includes(key)) writes = true
  })
  return writes
}

function walk(value: unknown, path: string, depth: number, visitKey: (key: string, path: string) => void): void {
  if (depth > MAX_EJSON_DEPTH) {
    throw new EjsonInputError(`Input is nested deeper than ${MAX_EJSON_DEPTH} levels`, 'INVALID_EJSON', { path })
  }
  if (value instanceof Code || (value as { _bsontype?: string } | null)?._bsontype === 'Code') {
    throw new EjsonInputError('JavaScript code values are not allowed', 'OPERATOR_NOT_ALLOWED', { path, operator: '$code' })
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}[${index}]`, depth + 1, visitKey))
    return
  }
  if (!isPlainObject(value)) return
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`
    visitKey(key, childPath)
    walk(child, childPath, depth + 1, visitKey)
  }
}

/**
 * Parses EJSON text that must be a document (filter, projection, sort, update). `undefined` or an
 * empty string means "no document".
 */
export function parseEjsonDocument(text: string | undefined, field: string): Document | undefined {
  if (text === undefined || text.trim() === '') return undefined
  const value = parseEjson(text, field)
  if (!isPlainObject(value)) throw new EjsonInputError(`${field} must be an Extended JSON object`, 'INVALID_EJSON', { field })
  assertNoServerJavaScript(value, field)
  return value
}

/**
 * The `_id` named by a URL segment: the EJSON of the id (`{"$oid":"..."}`, `"text"`, `42`,
 * `{"a":1,"b":2}`). A plain object that still has `$` keys after EJSON parsing is a query operator
 * (`{"$ne":null}`), refused so that an id lookup can never match more than that one id.
 */
export function parseDocumentId(text: string): unknown {
  const value = parseEjson(text, 'id')
  if (value === null || value === undefined || Array.isArray(value)) {
    throw new EjsonInputError('A document id cannot be null or an array', 'INVALID_DOCUMENT_ID', { field: 'id' })
  }
  // A regular expression as `_id` would match many documents, not name one.
  if (value instanceof RegExp || value instanceof BSONRegExp) {
    throw new EjsonInputError('A document id cannot be a regular expression', 'INVALID_DOCUMENT_ID', { field: 'id' })
  }
  walk(value, 'id', 0, (key, path) => {
    if (key.startsWith('$')) {
      throw new EjsonInputError(`An id is a value, not a query: ${key} is not allowed here`, 'INVALID_DOCUMENT_ID', {
        field: 'id',
        path,
        operator: key,
      })
    }
  })
  assertNoServerJavaScript(value, 'id')
  return value
}

/** The URL segment for a document's `_id` (the inverse of `parseDocumentId`). */
export function documentIdToPath(id: unknown): string {
  return encodeURIComponent(EJSON.stringify(id, { relaxed: false }))
}

/** True when an update is made of operators (`{$set: ...}`) or is an aggregation pipeline. */
export function isUpdateOperatorDocument(update: unknown): boolean {
  if (Array.isArray(update)) return true
  if (!isPlainObject(update)) return false
  const keys = Object.keys(update)
  return keys.length > 0 && keys.every((key) => key.startsWith('$'))
}

/** True when a document could be used as a replacement (no top-level operator keys). */
export function isReplacementDocument(document: unknown): boolean {
  return isPlainObject(document) && Object.keys(document).every((key) => !key.startsWith('$'))
}

export { isPlainObject as isPlainEjsonObject }
