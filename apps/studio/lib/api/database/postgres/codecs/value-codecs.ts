import { parseJsonKeepingRaw, type RawJson, type PgValueCodec } from '@multibase/api-contracts'

import { formatArrayLiteral, parseArrayLiteral, type ArrayItems } from './array-literal'

/**
 * One codec per Postgres type: how a value's Postgres text becomes JSON in a response, and how a
 * JSON value from a request becomes the text Postgres reads back as that type. Values always travel
 * to and from Postgres as text, so nothing passes through a double:
 * - boolean: true/false; integer (int2, int4, oid): JSON numbers, all exactly representable;
 * - float (float4, float8): JSON numbers in Postgres' shortest exact form, "NaN"/"Infinity"/"-Infinity" as strings;
 * - decimal (int8, numeric, money): strings, every digit kept;
 * - json (json, jsonb): the stored text itself, spliced into the response (duplicate keys, 1e400 kept);
 * - text: everything else (dates, intervals, bytea as \x hex, inet, xml, enums, ranges...) as a string.
 * Domains take their base type's codec; arrays are (nested) JSON arrays of their element's codec.
 */
export interface ColumnCodec {
  codec: PgValueCodec
  array: boolean
  /** The element type's array delimiter (`;` for box, `,` for the rest). */
  delimiter: string
}

const CODEC_BY_OID: Record<number, PgValueCodec> = {
  16: 'boolean',
  21: 'integer',
  23: 'integer',
  26: 'integer',
  700: 'float',
  701: 'float',
  20: 'decimal',
  1700: 'decimal',
  790: 'decimal',
  114: 'json',
  3802: 'json',
}

/** The codec of a scalar base type (after domains are resolved). */
export function codecOfBaseType(oid: number): PgValueCodec {
  return CODEC_BY_OID[oid] ?? 'text'
}

export const TEXT_CODEC: ColumnCodec = { codec: 'text', array: false, delimiter: ',' }

// Postgres prints finite floats as valid JSON numbers (`1e+100`, `-0`, `0.1`); only the specials are not.
const FINITE_FLOAT = /^-?\d/

function scalarJson(text: string, codec: PgValueCodec): string {
  switch (codec) {
    case 'boolean':
      return text === 't' ? 'true' : 'false'
    case 'integer':
      return text
    case 'float':
      return FINITE_FLOAT.test(text) ? text : JSON.stringify(text)
    case 'json':
      return text
    case 'decimal':
    case 'text':
      return JSON.stringify(text)
  }
}

function itemsJson(items: ArrayItems, codec: PgValueCodec): string {
  return `[${items.map((item) => (item === null ? 'null' : Array.isArray(item) ? itemsJson(item, codec) : scalarJson(item, codec))).join(',')}]`
}

/**
 * A value's JSON text in a response, from its Postgres text (null for NULL). An array whose lower
 * bounds are not 1 (`[0:1]={1,2}`) comes as its literal string, which writes it back exactly.
 */
export function jsonFromText(text: string | null, codec: ColumnCodec): string {
  if (text === null) return 'null'
  if (!codec.array) return scalarJson(text, codec.codec)
  if (text.startsWith('[')) return JSON.stringify(text)
  return itemsJson(parseArrayLiteral(text, codec.delimiter), codec.codec)
}

const keepRoot = (path: ReadonlyArray<string | number>) => path.length === 0
const keepItems = (path: ReadonlyArray<string | number>) => path.length === 1

/** A scalar by its JSON kind (the text is valid JSON already). */
function scalarParameter(raw: RawJson): string | null {
  if (raw.kind === '"') return JSON.parse(raw.text) as string
  if (raw.isNull) return null
  // Numbers go as their exact digits; true/false as Postgres reads them; an object or array as its
  // JSON text (Postgres says INVALID_VALUE when the type cannot read it).
  return raw.text.trim()
}

function arrayItems(raw: RawJson, codec: PgValueCodec): ArrayItems {
  const items = parseJsonKeepingRaw(raw.text, keepItems) as RawJson[]
  return items.map((item) => {
    if (item.isNull) return null
    if (codec === 'json') return item.text
    if (item.kind === '[') return arrayItems(item, codec)
    return scalarParameter(item)
  })
}

/**
 * A request's JSON value (its exact source text) as the text parameter Postgres reads as the
 * column's type. JSON null is SQL NULL. json/jsonb take any other JSON value, kept as sent. Arrays
 * take a JSON array (nested for more dimensions) or their Postgres literal as a string. The rest
 * take a string (their Postgres text), a number (its digits, never rounded) or a boolean.
 */
export function parameterFromJson(raw: RawJson, codec: ColumnCodec): string | null {
  if (raw.isNull) return null
  if (codec.codec === 'json' && !codec.array) return raw.text
  if (codec.array && raw.kind === '[') return formatArrayLiteral(arrayItems(raw, codec.codec), codec.delimiter)
  return scalarParameter(raw)
}

/** A JSON value of a request, parsed with its source text kept. */
export function rawJsonOf(text: string): RawJson {
  return parseJsonKeepingRaw(text, keepRoot) as RawJson
}
