import { RawJson, type JsonPath } from '@multibase/api-contracts'

/** The cells of a rows, row or SQL answer: kept as their exact JSON text (see PG_VALUE_CODECS). */
export const keepCells = (path: JsonPath) => (path[0] === 'rows' && path.length === 3) || (path[0] === 'row' && path.length === 2)

/** A cell that is SQL NULL becomes plain null, so "is it NULL" stays a null check. */
export function nullsAsNull<T extends Record<string, unknown>>(row: T): T {
  const result: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(row)) result[name] = value instanceof RawJson && value.isNull ? null : value
  return result as T
}
