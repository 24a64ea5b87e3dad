import { EjsonInputError, assertNoServerJavaScript, parseEjson, parseEjsonDocument, toReadableEjson } from '@multibase/api-contracts'
import { EJSON, type Document } from 'bson'

/**
 * The panels' EJSON round trip. Documents arrive in canonical EJSON and become BSON values here; the
 * editor shows them in the API's readable form (`toReadableEjson`, shared with the server's default
 * output), which parses back to exactly the same types; what goes back to the API is canonical EJSON.
 * So an Int32 stays an Int32, an integral Double stays a Double, an Int64 stays an Int64, a Timestamp
 * stays a Timestamp and an ObjectId or Date is never turned into a string on the way.
 */

type BsonTyped = { _bsontype?: string; value?: unknown; toString(): string }

const bsonType = (value: unknown): string | undefined =>
  value !== null && typeof value === 'object' ? (value as BsonTyped)._bsontype : undefined

/** Canonical EJSON (as the API sends it) to BSON values. */
export function fromCanonical(value: unknown): unknown {
  return EJSON.deserialize(value as Document, { relaxed: false })
}

/** BSON values to canonical EJSON (as the API takes it). */
export function toCanonical<T = unknown>(value: unknown): T {
  return EJSON.serialize(value, { relaxed: false }) as T
}

/** Text for the document editor and the EJSON view; `checkDocument` of it gives back the same BSON. */
export function formatEditable(value: unknown, indent = 2): string {
  return JSON.stringify(toReadableEjson(value), null, indent)
}

export type EjsonCheck<T> = { ok: true; value: T } | { ok: false; message: string; operator?: string }

function failure(error: unknown): { ok: false; message: string; operator?: string } {
  if (error instanceof EjsonInputError) return { ok: false, message: error.message, operator: error.details.operator }
  return { ok: false, message: (error as Error).message }
}

/**
 * A query-bar field (filter, projection, sort): empty is fine, otherwise an EJSON object without
 * server-side JavaScript. The same checks the API runs, so the message appears before any request.
 */
export function checkQueryDocument(text: string, field: string): EjsonCheck<Document | undefined> {
  try {
    return { ok: true, value: parseEjsonDocument(text, field) }
  } catch (error) {
    return failure(error)
  }
}

/** A whole document typed in the editor (insert, edit, clone): an object, no top-level operators. */
export function checkDocument(text: string): EjsonCheck<Document> {
  try {
    if (text.trim() === '') return { ok: false, message: 'The document is empty' }
    const value = parseEjson(text, 'document')
    if (value === null || typeof value !== 'object' || Array.isArray(value) || bsonType(value)) {
      return { ok: false, message: 'A document must be an Extended JSON object' }
    }
    const operator = Object.keys(value).find((key) => key.startsWith('$'))
    if (operator) return { ok: false, message: `${operator} is an operator; a stored document cannot have top-level keys starting with $`, operator }
    assertNoServerJavaScript(value, 'document')
    return { ok: true, value: value as Document }
  } catch (error) {
    return failure(error)
  }
}

/** One aggregation stage: an object with exactly one key, the stage operator. */
export function checkStage(text: string): EjsonCheck<Document> {
  try {
    const value = parseEjson(text, 'stage')
    if (value === null || typeof value !== 'object' || Array.isArray(value) || bsonType(value)) {
      return { ok: false, message: 'A stage is an object such as { "$match": { ... } }' }
    }
    const keys = Object.keys(value)
    if (keys.length !== 1 || !keys[0].startsWith('$')) {
      return { ok: false, message: 'A stage has exactly one key, its operator (for example $match)' }
    }
    assertNoServerJavaScript(value, 'stage')
    return { ok: true, value: value as Document }
  } catch (error) {
    return failure(error)
  }
}

/** The BSON type's name, as Compass shows it next to a value. */
export function typeName(value: unknown): string {
  const type = bsonType(value)
  if (type === 'Long') return 'Int64'
  if (type) return type
  if (value instanceof Date) return 'Date'
  if (value === null) return 'Null'
  if (Array.isArray(value)) return 'Array'
  if (typeof value === 'object') return 'Object'
  if (typeof value === 'string') return 'String'
  if (typeof value === 'boolean') return 'Boolean'
  return typeof value
}

/** A short one-line text of a value for a table cell. */
export function cellText(value: unknown): string {
  const type = bsonType(value)
  if (type === 'ObjectId') return `ObjectId('${(value as BsonTyped).toString()}')`
  if (type === 'Int32') return String((value as BsonTyped).value)
  // An integral Double reads 2.0, so it is not mistaken for an integer.
  if (type === 'Double') {
    const number = Number((value as BsonTyped).value)
    return Number.isInteger(number) ? number.toFixed(1) : String(number)
  }
  if (type === 'Long' || type === 'Decimal128') return (value as BsonTyped).toString()
  if (type) return JSON.stringify(EJSON.serialize(value, { relaxed: true }))
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid date' : value.toISOString()
  if (value === null) return 'null'
  if (value === undefined) return ''
  if (Array.isArray(value)) return `[ ${value.length} item${value.length === 1 ? '' : 's'} ]`
  if (typeof value === 'object') {
    const size = Object.keys(value).length
    return `{ ${size} field${size === 1 ? '' : 's'} }`
  }
  return String(value)
}
