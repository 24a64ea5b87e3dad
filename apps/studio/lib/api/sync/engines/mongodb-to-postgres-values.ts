import { EJSON } from 'bson'
import type { Document } from 'mongodb'

/** A Postgres column a MongoDB field becomes, and how each value is written for jsonb_to_recordset. */
export type ColumnType = 'text' | 'integer' | 'bigint' | 'double precision' | 'numeric' | 'timestamptz' | 'boolean' | 'jsonb'

/** The BSON type name of a value as the driver returns it with exact types (promoteValues: false). */
function bsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  if (value instanceof Date) return 'date'
  const tag = (value as { _bsontype?: string })._bsontype
  return tag ?? (Array.isArray(value) ? 'array' : 'object')
}

const COLUMN_OF: Record<string, ColumnType> = {
  string: 'text',
  boolean: 'boolean',
  date: 'timestamptz',
  Int32: 'integer',
  Long: 'bigint',
  Double: 'double precision',
  Decimal128: 'numeric',
  ObjectId: 'text',
}

/** The column type of a field over a sample: its one BSON type's column, else jsonb (mixed or nested). */
export function inferColumnType(values: unknown[]): ColumnType {
  const types = new Set(values.map(bsonTypeOf).filter((type) => type !== 'null'))
  if (types.size !== 1) return types.size === 0 ? 'text' : 'jsonb'
  return COLUMN_OF[[...types][0]] ?? 'jsonb'
}

/** An _id as the text primary key: an ObjectId as its hex, a string as itself, anything else as canonical EJSON. */
export function idText(id: unknown): string {
  const type = bsonTypeOf(id)
  if (type === 'ObjectId') return (id as { toHexString(): string }).toHexString()
  if (type === 'string') return id as string
  return EJSON.stringify(id, { relaxed: false })
}

/**
 * A value in the JSON that jsonb_to_recordset reads: numbers go as their exact text (Int64 and
 * Decimal128 beyond double precision, float specials), dates as ISO instants, ObjectIds as hex,
 * anything else as canonical Extended JSON, which keeps every BSON type inside the jsonb.
 */
export function columnValue(value: unknown, column: ColumnType): unknown {
  if (value === null || value === undefined) return null
  switch (column) {
    case 'text':
      return bsonTypeOf(value) === 'string' ? value : bsonTypeOf(value) === 'ObjectId' ? idText(value) : EJSON.stringify(value, { relaxed: false })
    case 'boolean':
      return value
    case 'timestamptz':
      return (value as Date).toISOString()
    case 'integer':
    case 'bigint':
    case 'numeric':
      return (value as { toString(): string }).toString()
    case 'double precision': {
      const number = (value as { valueOf(): number }).valueOf()
      return Number.isFinite(number) ? String(number) : number > 0 ? 'Infinity' : number < 0 ? '-Infinity' : 'NaN'
    }
    case 'jsonb':
      return EJSON.serialize(value, { relaxed: false })
  }
}

export const documentJson = (document: Document) => EJSON.serialize(document, { relaxed: false })
