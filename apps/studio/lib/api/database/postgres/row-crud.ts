import { escapeIdentifier, type Client } from 'pg'

import { ConflictError, NotFoundError, ValidationError } from '../errors'
import { columnParameter, requireColumn } from './column-values'
import { inTransaction, type RunStatement } from './in-transaction'
import { loadRelationTarget, type RelationTarget } from './relation-target'

/**
 * Single-row operations address a row by its primary key values. A view or a table without a
 * primary key has no reliable row address, so the explorer treats it as read-only.
 */
async function editableTarget(client: Client, id: number): Promise<RelationTarget> {
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
  return target
}

function keyCondition(target: RelationTarget, key: Record<string, unknown>, values: unknown[]): string {
  const given = Object.keys(key)
  const missing = target.primaryKeys.filter((name) => !(name in key))
  const extra = given.filter((name) => !target.primaryKeys.includes(name))
  if (missing.length || extra.length || target.primaryKeys.some((name) => key[name] === null || key[name] === undefined)) {
    throw new ValidationError(
      `pk must give a non-null value for exactly the primary key columns (${target.primaryKeys.join(', ')})`,
      { primaryKeys: target.primaryKeys, missing, extra },
      'INVALID_PRIMARY_KEY'
    )
  }
  return target.primaryKeys
    .map((name) => {
      values.push(columnParameter(requireColumn(target, name, 'pk'), key[name]))
      return `${escapeIdentifier(name)} = $${values.length}`
    })
    .join(' AND ')
}

function assignments(target: RelationTarget, valuesByColumn: Record<string, unknown>, values: unknown[]) {
  return Object.entries(valuesByColumn).map(([name, value]) => {
    const column = requireColumn(target, name, 'values')
    values.push(columnParameter(column, value))
    return { column: escapeIdentifier(column.name), param: `$${values.length}` }
  })
}

function onlyRow(target: RelationTarget, rows: Record<string, unknown>[]): Record<string, unknown> {
  const row = rows[0]
  if (!row) throw new NotFoundError(`No row of ${target.schema}.${target.name} has this primary key`, 'ROW_NOT_FOUND')
  return row
}

interface RowOperation {
  timeoutMs: number
}

export async function getRow(client: Client, id: number, key: Record<string, unknown>, options: RowOperation) {
  const target = await editableTarget(client, id)
  const values: unknown[] = []
  const where = keyCondition(target, key, values)
  return inTransaction(client, { timeoutMs: options.timeoutMs, readOnly: true }, async (run: RunStatement) => {
    const result = await run(`SELECT * FROM ${target.qualifiedName} WHERE ${where}`, values)
    return { row: onlyRow(target, result.rows) }
  })
}

export async function insertRow(client: Client, id: number, valuesByColumn: Record<string, unknown>, options: RowOperation) {
  const target = await editableTarget(client, id)
  const values: unknown[] = []
  const set = assignments(target, valuesByColumn, values)
  const sql = set.length
    ? `INSERT INTO ${target.qualifiedName} (${set.map((item) => item.column).join(', ')}) VALUES (${set.map((item) => item.param).join(', ')}) RETURNING *`
    : `INSERT INTO ${target.qualifiedName} DEFAULT VALUES RETURNING *`
  return inTransaction(client, { timeoutMs: options.timeoutMs, readOnly: false }, async (run) => {
    const result = await run(sql, values)
    return { row: onlyRow(target, result.rows) }
  })
}

export async function updateRow(
  client: Client,
  id: number,
  key: Record<string, unknown>,
  valuesByColumn: Record<string, unknown>,
  options: RowOperation
) {
  const target = await editableTarget(client, id)
  const values: unknown[] = []
  const set = assignments(target, valuesByColumn, values)
  if (!set.length) throw new ValidationError('values must name at least one column to change', undefined, 'NO_VALUES')
  const where = keyCondition(target, key, values)
  return inTransaction(client, { timeoutMs: options.timeoutMs, readOnly: false }, async (run) => {
    const result = await run(
      `UPDATE ${target.qualifiedName} SET ${set.map((item) => `${item.column} = ${item.param}`).join(', ')} WHERE ${where} RETURNING *`,
      values
    )
    return { row: onlyRow(target, result.rows) }
  })
}

export async function deleteRow(client: Client, id: number, key: Record<string, unknown>, options: RowOperation) {
  const target = await editableTarget(client, id)
  const values: unknown[] = []
  const where = keyCondition(target, key, values)
  return inTransaction(client, { timeoutMs: options.timeoutMs, readOnly: false }, async (run) => {
    const result = await run(`DELETE FROM ${target.qualifiedName} WHERE ${where} RETURNING *`, values)
    return { row: onlyRow(target, result.rows) }
  })
}
