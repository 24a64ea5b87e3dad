/**
 * How Postgres values read from the API become text in a grid, and how edited text goes back.
 * The API sends json/jsonb parsed, arrays as arrays, int8/numeric as strings, bytea as `\x` hex and
 * dates as Postgres' own text; the grid shows all of them as text (never as markup).
 */

const isJsonType = (type: string) => type === 'json' || type === 'jsonb'
const isArrayType = (type: string) => type.endsWith('[]')

/** Whether the column's values are edited as JSON (documents and arrays). */
export function editsAsJson(type: string): boolean {
  return isJsonType(type) || isArrayType(type)
}

/** One line for a grid cell (`null` is shown apart by the caller). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value)
}

/** The text an editor starts from: JSON documents and arrays pretty-printed, the rest as shown. */
export function editableText(value: unknown, type: string): string {
  if (value === null || value === undefined) return ''
  if (editsAsJson(type)) return JSON.stringify(value, null, 2)
  return cellText(value)
}

export type ParsedValue = { ok: true; value: unknown } | { ok: false; message: string }

/**
 * Edited text as the API takes it: json/jsonb any JSON value, arrays a JSON array, everything else
 * its Postgres text form (Postgres reads it as the column's type and says so if it cannot).
 */
export function parseEditedValue(text: string, type: string): ParsedValue {
  if (!editsAsJson(type)) return { ok: true, value: text }
  try {
    const value: unknown = JSON.parse(text)
    if (isArrayType(type) && !Array.isArray(value)) return { ok: false, message: `A ${type} value is a JSON array, e.g. ["a","b"]` }
    return { ok: true, value }
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
}
