import { ValidationError } from '../errors'
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
 * A JSON value as a query parameter for this column. Postgres infers each parameter's type from
 * the column it meets, so values go as text and Postgres reads them as the column's type (a value
 * it cannot read is its own error, 400 INVALID_VALUE). json/jsonb values are sent as JSON text;
 * arrays become Postgres array literals (node-postgres); everything else goes as is.
 */
export function columnParameter(column: RelationColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (column.format === 'json' || column.format === 'jsonb') return JSON.stringify(value)
  if (typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value)
  return value
}
