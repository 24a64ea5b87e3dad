import type { PgSchema, PgTable, PgType, PgView } from '@multibase/api-contracts'

import { tsString } from './ts-printer'

export interface TypeContext {
  types: PgType[]
  schemas: PgSchema[]
  tables: Pick<PgTable, 'name' | 'schema'>[]
  views: Pick<PgView, 'name' | 'schema'>[]
}

const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'])
const STRING_TYPES = new Set([
  'bytea',
  'bpchar',
  'varchar',
  'date',
  'text',
  'citext',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'uuid',
  'vector',
  'interval',
])

const reference = (schema: string, group: string, name: string, tail = '') =>
  `Database[${tsString(schema)}][${tsString(group)}][${tsString(name)}]${tail}`

/** Of same-named candidates, the one in the schema being written, else the first. */
function pick<T extends { schema: string }>(candidates: T[], schema: string): T | undefined {
  return candidates.find((candidate) => candidate.schema === schema) ?? candidates[0]
}

/**
 * The TypeScript type of a Postgres type named `pgType` (pg_type.typname, `_x` for arrays), as
 * postgres-meta maps it: numbers, strings, Json, enums and composite types of generated schemas by
 * reference (an enum elsewhere as its labels), row types of tables and views by reference, and
 * `unknown` for the rest (ranges, geometric types, types of schemas not generated).
 */
export function pgTypeToTs(schema: string, pgType: string, context: TypeContext): string {
  if (pgType === 'bool') return 'boolean'
  if (NUMBER_TYPES.has(pgType)) return 'number'
  if (STRING_TYPES.has(pgType)) return 'string'
  if (pgType === 'json' || pgType === 'jsonb') return 'Json'
  if (pgType === 'void') return 'undefined'
  if (pgType === 'record') return 'Record<string, unknown>'
  if (pgType.startsWith('_')) {
    const element = pgTypeToTs(schema, pgType.slice(1), context)
    return element.includes(' | ') || element.includes('|') ? `(${element})[]` : `${element}[]`
  }
  const generated = (name: string) => context.schemas.some((item) => item.name === name)

  const enumType = pick(
    context.types.filter((type) => type.name === pgType && type.enums.length > 0),
    schema
  )
  if (enumType) {
    return generated(enumType.schema)
      ? reference(enumType.schema, 'Enums', enumType.name)
      : enumType.enums.map(tsString).join(' | ')
  }
  const compositeType = pick(
    context.types.filter((type) => type.name === pgType && type.attributes.length > 0),
    schema
  )
  if (compositeType) return generated(compositeType.schema) ? reference(compositeType.schema, 'CompositeTypes', compositeType.name) : 'unknown'
  const table = pick(
    context.tables.filter((item) => item.name === pgType),
    schema
  )
  if (table) return generated(table.schema) ? reference(table.schema, 'Tables', table.name, '["Row"]') : 'unknown'
  const view = pick(
    context.views.filter((item) => item.name === pgType),
    schema
  )
  if (view) return generated(view.schema) ? reference(view.schema, 'Views', view.name, '["Row"]') : 'unknown'
  return 'unknown'
}

/** `T | null`, except for types that already hold null. */
export function nullable(tsType: string, isNullable: boolean): string {
  return !isNullable || tsType === 'unknown' || tsType === 'any' ? tsType : `${tsType} | null`
}
