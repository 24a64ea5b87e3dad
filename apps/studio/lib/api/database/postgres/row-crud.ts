import type { Client } from 'pg'
import type { RawJson } from '@multibase/api-contracts'

import { ConflictError, NotFoundError, ValidationError } from '../errors'
import { loadRelationCodecs, type RelationCodecs } from './codecs/relation-codecs'
import { objectJsonText } from './codecs/rows-json'
import { columnParameter, quotedColumn, requireColumn } from './column-values'
import { inTransaction, type RunStatement } from './in-transaction'
import { loadRelationTarget, type RelationTarget } from './relation-target'

/** Values of a request as their exact JSON text (see requestBodyText), keyed by column name. */
export type RawValues = Record<string, RawJson>

interface EditableTarget {
  target: RelationTarget
  codecs: RelationCodecs
}

/**
 * Single-row operations address a row by its primary key values. A view or a table without a
 * primary key has no reliable row address, so the explorer treats it as read-only.
 */
async function editableTarget(client: Client, id: number): Promise<EditableTarget> {
  const target = await loadRelationTarget(client, id)
  if (target.relkind !== 'r' && target.relkind !== 'p') {
    throw new ConflictError(
      `${target.schema}.${target.name} is not a table; its rows cannot be edited here`,
      'NOT_A_TABLE',
      { relkind: target.relkind }
    )
  }
  if (!target.primaryKeys.length) {
    throw new ConflictError(
      `Table ${target.schema}.${target.name} has no primary key, so a row cannot be addressed on its own: the table is read-only here`,
      'NO_PRIMARY_KEY'
    )
  }
  return { target, codecs: await loadRelationCodecs(client, target) }
}

function keyCondition({ target, codecs }: EditableTarget, key: RawValues, values: unknown[]): string {
  const given = Object.keys(key)
  const missing = target.primaryKeys.filter((name) => !(name in key))
  const extra = given.filter((name) => !target.primaryKeys.includes(name))
  if (missing.length || extra.length || target.primaryKeys.some((name) => key[name]?.isNull)) {
    throw new ValidationError(
      `pk must give a non-null value for exactly the primary key columns (${target.primaryKeys.join(', ')})`,
      { primaryKeys: target.primaryKeys, missing, extra },
      'INVALID_PRIMARY_KEY'
    )
  }
  return target.primaryKeys
    .map((name) => {
      const column = requireColumn(target, name, 'pk')
      return `${quotedColumn(column)} = ${columnParameter(column, codecs, key[name], values)}`
    })
    .join(' AND ')
}

function assignments({ target, codecs }: EditableTarget, valuesByColumn: RawValues, values: unknown[]) {
  return Object.entries(valuesByColumn).map(([name, value]) => {
    const column = requireColumn(target, name, 'values')
    return { column: quotedColumn(column), param: columnParameter(column, codecs, value, values) }
  })
}

/** The one row as the JSON text of a PgRowResult, or a 404. */
function onlyRow({ target, codecs }: EditableTarget, rows: Array<Array<string | null>>): string {
  if (!rows[0]) throw new NotFoundError(`No row of ${target.schema}.${target.name} has this primary key`, 'ROW_NOT_FOUND')
  // The object of a one-row array, so the row is written by the same codecs as a page of rows.
  const row = codecs.rowsJson([rows[0]]).slice(1, -1)
  return objectJsonText({ row }, { columns: codecs.columns })
}

interface RowOperation {
  timeoutMs: number
}

export async function getRow(client: Client, id: number, key: RawValues, options: RowOperation) {
  const editable = await editableTarget(client, id)
  const values: unknown[] = []
  const where = keyCondition(editable, key, values)
  return inTransaction(client, { timeoutMs: options.timeoutMs, readOnly: true }, async (run: RunStatement) => {
    const result = await run(`SELECT * FROM ${editable.target.qualifiedName} WHERE ${where}`, values, true)
    return onlyRow(editable, result.rows)
  })
}

export async function insertRow(client: Client, id: number, valuesByColumn: RawValues, options: RowOperation) {
  const editable = await editableTarget(client, id)
  const { qualifiedName } = editable.target
  const values: unknown[] = []
  const set = assignments(editable, valuesByColumn, values)
  const sql = set.length
    ? `INSERT INTO ${qualifiedName} (${set.map((item) => item.column).join(', ')}) VALUES (${set.map((item) => item.param).join(', ')}) RETURNING *`
    : `INSERT INTO ${qualifiedName} DEFAULT VALUES RETURNING *`
  return inTransaction(client, { timeoutMs: options.timeoutMs, readOnly: false }, async (run) => {
    const result = await run(sql, values, true)
    return onlyRow(editable, result.rows)
  })
}

export async function updateRow(client: Client, id: number, key: RawValues, valuesByColumn: RawValues, options: RowOperation) {
  const editable = await editableTarget(client, id)
  const values: unknown[] = []
  const set = assignments(editable, valuesByColumn, values)
  if (!set.length) throw new ValidationError('values must name at least one column to change', undefined, 'NO_VALUES')
  const where = keyCondition(editable, key, values)
  return inTransaction(client, { timeoutMs: options.timeoutMs, readOnly: false }, async (run) => {
    const result = await run(
      `UPDATE ${editable.target.qualifiedName} SET ${set.map((item) => `${item.column} = ${item.param}`).join(', ')} WHERE ${where} RETURNING *`,
      values,
      true
    )
    return onlyRow(editable, result.rows)
  })
}

export async function deleteRow(client: Client, id: number, key: RawValues, options: RowOperation) {
  const editable = await editableTarget(client, id)
  const values: unknown[] = []
  const where = keyCondition(editable, key, values)
  return inTransaction(client, { timeoutMs: options.timeoutMs, readOnly: false }, async (run) => {
    const result = await run(`DELETE FROM ${editable.target.qualifiedName} WHERE ${where} RETURNING *`, values, true)
    return onlyRow(editable, result.rows)
  })
}
