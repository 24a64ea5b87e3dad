import type { MigrationStatement } from '@multibase/api-contracts'

/**
 * The order a migration script runs in: what a statement depends on comes first. Schemas hold
 * types and tables; enums and free-standing sequences are referenced by column types and defaults;
 * primary keys and unique constraints must exist before a foreign key can reference them; indexes
 * last (they may use any column, and building them after constraints avoids building twice).
 */
export const KIND_ORDER = [
  'schema',
  'enum',
  'enum_value',
  'sequence',
  'table',
  'column',
  'sequence_owner',
  'primary_key',
  'unique',
  'check',
  'exclusion',
  'foreign_key',
  'index',
] as const

export type StatementKind = (typeof KIND_ORDER)[number]

const RANK = new Map<string, number>(KIND_ORDER.map((kind, index) => [kind, index]))

/** Stable: within a kind, statements keep the order they were generated in (catalog order). */
export function orderStatements<T extends Pick<MigrationStatement, 'kind'>>(statements: readonly T[]): T[] {
  return statements
    .map((statement, index) => ({ statement, index, rank: rankOf(statement.kind) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ statement }) => statement)
}

function rankOf(kind: string): number {
  const rank = RANK.get(kind)
  if (rank === undefined) throw new Error(`unknown statement kind ${kind}`)
  return rank
}
