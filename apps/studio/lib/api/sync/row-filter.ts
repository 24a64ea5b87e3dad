import { parse, toSql, type Expr } from 'pgsql-ast-parser'

import { ValidationError } from '../database/errors'

/** Node types that would make a filter run a query of its own (subqueries, data-changing statements). */
const STATEMENT_NODES = new Set(['select', 'union', 'union all', 'with', 'with recursive', 'values', 'insert', 'update', 'delete'])

/**
 * Functions a row filter may call: pure, no side effects, nothing that reads other tables or files.
 * Anything else (pg_sleep, set_config, dblink, lo_import, nextval…) is refused.
 */
const ALLOWED_FUNCTIONS = new Set([
  'lower', 'upper', 'length', 'char_length', 'trim', 'btrim', 'ltrim', 'rtrim', 'substr', 'substring', 'left', 'right',
  'coalesce', 'nullif', 'greatest', 'least', 'abs', 'round', 'floor', 'ceil', 'mod', 'now', 'date_trunc', 'date_part',
  'extract', 'age', 'to_char', 'starts_with', 'jsonb_typeof', 'jsonb_array_length', 'array_length', 'cardinality',
])

function walk(node: unknown, visit: (value: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const item of node) walk(item, visit)
  else if (node !== null && typeof node === 'object') {
    visit(node as Record<string, unknown>)
    for (const value of Object.values(node)) walk(value, visit)
  }
}

/**
 * A Postgres row filter as one boolean expression, re-printed from its syntax tree: the text that
 * reaches the database is the parser's rendering, never the user's string, so a comment, a second
 * statement or an unbalanced parenthesis can't smuggle anything past the one-expression check.
 */
export function normalizeRowFilter(filter: string): string {
  let parsed: Expr[]
  try {
    parsed = parse(filter, { entry: 'expr' }) as unknown as Expr[]
  } catch {
    throw new ValidationError('rowFilter: not a valid SQL expression', { field: 'rowFilter' }, 'INVALID_ROW_FILTER')
  }
  if (!Array.isArray(parsed) || parsed.length !== 1) {
    throw new ValidationError('rowFilter: must be exactly one SQL expression', { field: 'rowFilter' }, 'INVALID_ROW_FILTER')
  }
  walk(parsed[0], (node) => {
    if (typeof node.type === 'string' && STATEMENT_NODES.has(node.type)) {
      throw new ValidationError('rowFilter: subqueries are not allowed', { field: 'rowFilter' }, 'INVALID_ROW_FILTER')
    }
    if (node.type === 'call') {
      const fn = node.function as { name?: string; schema?: string } | undefined
      if (!fn?.name || fn.schema || !ALLOWED_FUNCTIONS.has(fn.name.toLowerCase())) {
        throw new ValidationError(`rowFilter: function "${fn?.name ?? '?'}" is not allowed`, { field: 'rowFilter' }, 'INVALID_ROW_FILTER')
      }
    }
  })
  return toSql.expr(parsed[0])
}
