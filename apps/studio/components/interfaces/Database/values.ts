import { isJsonText, RawJson, type PgColumnCodec } from '@multibase/api-contracts'

/**
 * How Postgres values read from the API become text in a grid, and how edited text goes back.
 * Cells arrive as their exact JSON text (RawJson, see PG_VALUE_CODECS): strings (bigint, numeric,
 * float specials, dates, bytea as `\x` hex...) are shown without quotes, every digit kept; json/jsonb
 * and arrays are shown and edited as the very text the server sent, so an edit that changes one
 * key keeps every other number and duplicate key as it was.
 */

const isJsonType = (type: string) => type === 'json' || type === 'jsonb'
const isArrayType = (type: string) => type.endsWith('[]')

/** Whether the column's values are edited as JSON text (documents and arrays); the codec decides when known. */
export function editsAsJson(type: string, codec?: PgColumnCodec): boolean {
  if (codec) return codec.codec === 'json' || codec.array
  return isJsonType(type) || isArrayType(type)
}

/**
 * One line for a grid cell (`null` is shown apart by the caller). A json/jsonb or array cell shows
 * its JSON text as is, so a jsonb string keeps its quotes and reads apart from a document.
 */
export function cellText(value: unknown, asJson = false): string {
  if (value === null || value === undefined) return ''
  if (value instanceof RawJson) return !asJson && value.kind === '"' ? (JSON.parse(value.text) as string) : value.text.trim()
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value)
}

/** The text an editor starts from: JSON documents and arrays exactly as stored, the rest as shown. */
export function editableText(value: unknown, asJson: boolean): string {
  if (value === null || value === undefined) return ''
  if (asJson && value instanceof RawJson) return value.text
  if (asJson && typeof value === 'object') return JSON.stringify(value, null, 2)
  return cellText(value)
}

export type ParsedValue = { ok: true; value: unknown } | { ok: false; message: string }

/**
 * Edited text as the API takes it: json/jsonb any JSON value and arrays a JSON array, both sent as
 * the typed text itself (never re-serialized); everything else its Postgres text form (Postgres
 * reads it as the column's type and says so if it cannot).
 */
export function parseEditedValue(text: string, type: string, codec?: PgColumnCodec): ParsedValue {
  if (!editsAsJson(type, codec)) return { ok: true, value: text }
  const trimmed = text.trim()
  if (!isJsonText(trimmed)) return { ok: false, message: 'Not valid JSON' }
  const array = codec ? codec.array : isArrayType(type)
  // An array is a JSON array, or its Postgres literal as a JSON string (`"[0:1]={1,2}"`).
  if (array && !trimmed.startsWith('[') && !trimmed.startsWith('"')) return { ok: false, message: `A ${type} value is a JSON array, e.g. ["a","b"]` }
  return { ok: true, value: new RawJson(trimmed) }
}
