import { escapeIdentifier } from 'pg'
import type { RawJson } from '@multibase/api-contracts'

import { ValidationError } from '../errors'
import { ArrayLiteralError } from './codecs/array-literal'
import type { RelationCodecs } from './codecs/relation-codecs'
import { parameterFromJson, TEXT_CODEC } from './codecs/value-codecs'
import type { RelationColumn, RelationTarget } from './relation-target'

/** The named column of the target, or a 400 naming the columns that exist. */
export function requireColumn(target: RelationTarget, name: string, role: string): RelationColumn {
  const column = target.columns.find((candidate) => candidate.name === name)
  if (!column) {
    throw new ValidationError(
      `${role} names column "${name}", which ${target.schema}.${target.name} does not have`,
      { column: name, columns: target.columns.map((candidate) => candidate.name) },
      'UNKNOWN_COLUMN'
    )
  }
  return column
}

/**
 * A request's value (its exact JSON text) as a text parameter and the SQL that casts it to the
 * column's type. Postgres reads the text with the type's own input function, so a bigint
 * 9007199254740993 or a 30-digit numeric lands exactly, as it would from psql.
 */
export function columnParameter(
  column: RelationColumn,
  codecs: RelationCodecs,
  value: RawJson,
  values: unknown[]
): string {
  try {
    values.push(parameterFromJson(value, codecs.byName.get(column.name) ?? TEXT_CODEC))
  } catch (error) {
    if (error instanceof ArrayLiteralError) throw new ValidationError(`Column "${column.name}": ${error.message}`, { column: column.name }, 'INVALID_VALUE')
    throw error
  }
  return `$${values.length}::${column.cast}`
}

export const quotedColumn = (column: RelationColumn) => escapeIdentifier(column.name)
