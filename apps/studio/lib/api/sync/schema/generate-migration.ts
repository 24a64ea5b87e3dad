import type { SyncScope } from '@multibase/api-contracts'
import type pg from 'pg'

import { orderStatements } from './ddl-order'
import {
  renderAddColumn,
  renderAddConstraint,
  renderCreateEnum,
  renderCreateIndex,
  renderCreateSequence,
  renderCreateTable,
  renderEnumDefinition,
  renderMissingEnumValues,
  renderSequenceOwner,
  renderSetval,
} from './pg-ddl'
import { readPgSnapshot, type PgSnapshot, type PgTable } from './pg-snapshot'
import { quoteIdent } from './sql-text'

export interface MigrationStatementOut {
  sql: string
  object: string
  kind: string
}

export interface ObjectDiff {
  object: string
  kind: string
  source: string | null
  target: string | null
}

export interface PgMigrationPlan {
  statements: MigrationStatementOut[]
  postData: MigrationStatementOut[]
  diff: ObjectDiff[]
  source: PgSnapshot
  target: PgSnapshot
}

const CONSTRAINT_KINDS: Record<string, string> = { p: 'primary_key', u: 'unique', f: 'foreign_key', c: 'check', x: 'exclusion' }

async function existingSchemasAndSequences(client: pg.ClientBase): Promise<{ schemas: Set<string>; sequences: Set<string> }> {
  const { rows } = await client.query<{ kind: string; name: string }>(
    `SELECT 'schema' AS kind, nspname AS name FROM pg_catalog.pg_namespace
     UNION ALL
     SELECT 'sequence', n.nspname || '.' || c.relname FROM pg_catalog.pg_class c
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S'`
  )
  return {
    schemas: new Set(rows.filter((row) => row.kind === 'schema').map((row) => row.name)),
    sequences: new Set(rows.filter((row) => row.kind === 'sequence').map((row) => row.name)),
  }
}

/**
 * Compares the source's tables in scope with the same-named tables on the target and plans the DDL
 * that creates what the target lacks: schemas, enums (and missing labels), sequences, tables,
 * columns, constraints, indexes; `postData` moves sequences past the copied data. Differences it
 * does not change (a column of another type, an extra label on the target) appear in `diff` only:
 * altering them could lose data, and validate reports them.
 */
export async function planPgMigration(input: { source: pg.ClientBase; target: pg.ClientBase; scope: SyncScope }): Promise<PgMigrationPlan> {
  const source = await readPgSnapshot(input.source, input.scope)
  const target = await readPgSnapshot(input.target, input.scope, source.tables.map(({ schema, name }) => ({ schema, name })))
  const existing = await existingSchemasAndSequences(input.target)
  const statements: MigrationStatementOut[] = []
  const diff: ObjectDiff[] = []
  const add = (kind: string, object: string, sql: string) => statements.push({ kind, object, sql })

  for (const schema of source.schemas) {
    if (!existing.schemas.has(schema)) add('schema', schema, `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`)
  }

  for (const item of source.enums) {
    const object = `${item.schema}.${item.name}`
    const present = target.allEnums.get(object)
    if (!present) add('enum', object, renderCreateEnum(item))
    else for (const sql of renderMissingEnumValues(item, present.labels)) add('enum_value', object, sql)
    const sourceText = renderEnumDefinition(item)
    const targetText = present ? renderEnumDefinition(present) : null
    if (sourceText !== targetText) diff.push({ object, kind: 'enum', source: sourceText, target: targetText })
  }

  for (const sequence of source.sequences) {
    if (sequence.owner?.deptype === 'i') continue
    const object = `${sequence.schema}.${sequence.name}`
    if (existing.sequences.has(object)) continue
    add('sequence', object, renderCreateSequence(sequence))
    const owner = renderSequenceOwner(sequence)
    if (owner) add('sequence_owner', object, owner)
    diff.push({ object, kind: 'sequence', source: renderCreateSequence(sequence), target: null })
  }

  const inScope = new Set(source.tables.map((table) => `${table.schema}.${table.name}`))
  const targetTables = new Map(target.tables.map((table) => [`${table.schema}.${table.name}`, table]))
  for (const table of source.tables) {
    const object = `${table.schema}.${table.name}`
    const present = targetTables.get(object)
    planTable(table, present, source, { add, inScope })
    const sourceText = renderCreateTable(table, source.sequences)
    const targetText = present ? renderCreateTable(present, target.sequences) : null
    if (sourceText !== targetText) diff.push({ object, kind: 'table', source: sourceText, target: targetText })
    diffConstraintsAndIndexes(table, present, diff)
  }

  const postData = source.sequences.flatMap((sequence) => {
    const sql = renderSetval(sequence)
    return sql ? [{ kind: 'setval', object: `${sequence.schema}.${sequence.name}`, sql }] : []
  })
  return { statements: orderStatements(statements), postData, diff, source, target }
}

function planTable(
  table: PgTable,
  present: PgTable | undefined,
  source: PgSnapshot,
  context: { add: (kind: string, object: string, sql: string) => void; inScope: Set<string> }
): void {
  const object = `${table.schema}.${table.name}`
  if (!present) context.add('table', object, renderCreateTable(table, source.sequences))
  else {
    const columns = new Set(present.columns.map((column) => column.name))
    for (const column of table.columns) {
      if (!columns.has(column.name)) context.add('column', `${object}.${column.name}`, renderAddColumn(table, column, source.sequences))
    }
  }
  const constraints = new Set(present?.constraints.map((constraint) => constraint.name) ?? [])
  for (const constraint of table.constraints) {
    if (constraints.has(constraint.name)) continue
    // A foreign key to a table outside the scope would point at data the sync never copies.
    if (constraint.type === 'f' && !context.inScope.has(`${constraint.refSchema}.${constraint.refTable}`)) continue
    context.add(CONSTRAINT_KINDS[constraint.type], `${object}.${constraint.name}`, renderAddConstraint(table, constraint.name, constraint.definition))
  }
  const indexes = new Set(present?.indexes.map((index) => index.name) ?? [])
  for (const index of table.indexes) {
    if (!indexes.has(index.name)) context.add('index', `${table.schema}.${index.name}`, renderCreateIndex(index.definition))
  }
}

function diffConstraintsAndIndexes(table: PgTable, present: PgTable | undefined, diff: ObjectDiff[]): void {
  const object = `${table.schema}.${table.name}`
  for (const constraint of table.constraints) {
    const other = present?.constraints.find((candidate) => candidate.name === constraint.name)
    if (other?.definition === constraint.definition) continue
    diff.push({ object: `${object}.${constraint.name}`, kind: CONSTRAINT_KINDS[constraint.type], source: constraint.definition, target: other?.definition ?? null })
  }
  for (const index of table.indexes) {
    const other = present?.indexes.find((candidate) => candidate.name === index.name)
    if (other?.definition === index.definition) continue
    diff.push({ object: `${table.schema}.${index.name}`, kind: 'index', source: index.definition, target: other?.definition ?? null })
  }
}

/** The DDL a `schema`-mode sync job runs: `statements` before the data, `postData` after. */
export async function generateMigration(input: {
  source: pg.ClientBase
  target: pg.ClientBase
  scope: SyncScope
}): Promise<{ statements: Array<{ sql: string; object: string; kind: string }>; postData: Array<{ sql: string; object: string; kind: string }> }> {
  const plan = await planPgMigration(input)
  return { statements: plan.statements, postData: plan.postData }
}
