import { escapeIdentifier, type Client } from 'pg'
import type { PgRowFilter, PgRowsQuery, PgRowSort } from '@multibase/api-contracts'

import { objectJsonText } from './codecs/rows-json'
import { loadRelationCodecs } from './codecs/relation-codecs'
import { requireColumn } from './column-values'
import { inTransaction, type RunStatement } from './in-transaction'
import { loadRelationTarget, type RelationTarget } from './relation-target'

/** Matching rows are counted exactly up to this many; beyond it the planner's estimate is given. */
export const EXACT_COUNT_LIMIT = 10_000

interface WhereClause {
  sql: string
  values: unknown[]
}

const COMPARISONS = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const

/**
 * One filter as SQL with its value as a parameter. Filter values are the Postgres text form of a
 * value (they come from a URL), so Postgres reads them as the column's type: `meta:eq:{"n":1}`
 * compares a jsonb column with that document, `tags:eq:{a,b}` an array with that array.
 */
function filterCondition(target: RelationTarget, filter: PgRowFilter, values: unknown[]): string {
  const name = escapeIdentifier(requireColumn(target, filter.column, 'A filter').name)
  const next = (value: unknown) => {
    values.push(value)
    return `$${values.length}`
  }
  switch (filter.operator) {
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${name} ${COMPARISONS[filter.operator]} ${next(filter.value)}`
    case 'like':
      return `${name}::text LIKE ${next(filter.value)}`
    case 'ilike':
      return `${name}::text ILIKE ${next(filter.value)}`
    case 'in':
      return `${name} = ANY(${next(filter.value)})`
    case 'is':
      if (filter.value === 'null') return `${name} IS NULL`
      if (filter.value === 'not_null') return `${name} IS NOT NULL`
      return filter.value === 'true' ? `${name} IS TRUE` : `${name} IS FALSE`
  }
}

export function whereClause(target: RelationTarget, filters: PgRowFilter[]): WhereClause {
  const values: unknown[] = []
  const conditions = filters.map((filter) => filterCondition(target, filter, values))
  return { sql: conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '', values }
}

function orderClause(target: RelationTarget, sort: PgRowSort[]): string {
  const keys = sort.map((item) => `${escapeIdentifier(requireColumn(target, item.column, 'The sort').name)} ${item.direction === 'desc' ? 'DESC' : 'ASC'}`)
  // The primary key breaks ties, so pages neither repeat nor skip rows.
  for (const key of target.primaryKeys) {
    if (!sort.some((item) => item.column === key)) keys.push(`${escapeIdentifier(key)} ASC`)
  }
  return keys.length ? ` ORDER BY ${keys.join(', ')}` : ''
}

async function countMatches(run: RunStatement, from: string, where: WhereClause) {
  const counted = await run(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from}${where.sql} LIMIT ${EXACT_COUNT_LIMIT + 1}) bounded`, where.values)
  const exact = Number(counted.rows[0]?.n ?? 0)
  if (exact <= EXACT_COUNT_LIMIT) return { total: exact, estimate: false }
  const plan = await run(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from}${where.sql}`, where.values)
  const planRows = Number((plan.rows[0]?.['QUERY PLAN'] as Array<{ Plan?: { 'Plan Rows'?: number } }> | undefined)?.[0]?.Plan?.['Plan Rows'])
  return { total: Number.isFinite(planRows) ? Math.max(planRows, exact) : exact, estimate: true }
}

/**
 * One page of a table's or view's rows, with filters, sort and the number of matching rows, as the
 * JSON text of a PgRowsResult: values are written by their column's codec (json/jsonb spliced in as
 * stored), never parsed into JS values on the way.
 */
export async function listRows(client: Client, query: PgRowsQuery, timeoutMs: number): Promise<string> {
  const target = await loadRelationTarget(client, query.id)
  const codecs = await loadRelationCodecs(client, target)
  const where = whereClause(target, query.filter)
  const order = orderClause(target, query.sort)
  return inTransaction(client, { timeoutMs, readOnly: true }, async (run) => {
    const limitParam = where.values.length + 1
    const page = await run(
      `SELECT * FROM ${target.qualifiedName}${where.sql}${order} LIMIT $${limitParam} OFFSET $${limitParam + 1}`,
      [...where.values, query.limit, query.offset],
      true
    )
    const { total, estimate } = await countMatches(run, target.qualifiedName, where)
    return objectJsonText({ rows: codecs.rowsJson(page.rows) }, {
      columns: codecs.columns,
      primary_keys: target.primaryKeys,
      limit: query.limit,
      offset: query.offset,
      total,
      total_is_estimate: estimate,
    })
  })
}
