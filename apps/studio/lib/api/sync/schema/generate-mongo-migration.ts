import type { SyncScope } from '@multibase/api-contracts'
import type { MongoClient } from 'mongodb'
import type pg from 'pg'

import type { MigrationStatementOut, ObjectDiff } from './generate-migration'
import { planMongoTargetTables, renderMongoColumn, renderMongoCreateTable, type MongoTargetTable } from './mongo-target'
import { renderCreateTable } from './pg-ddl'
import { readPgSnapshot, type PgSnapshot } from './pg-snapshot'
import { qualified, quoteIdent } from './sql-text'

export interface MongoToPgPlan {
  statements: MigrationStatementOut[]
  diff: ObjectDiff[]
  tables: MongoTargetTable[]
  target: PgSnapshot
}

/**
 * MongoDB → Postgres: the target tables the sync writes into — `(_id text PRIMARY KEY, doc jsonb)`
 * per collection, or the columns inferred from a sample — created when absent, and missing
 * columns added to a table that exists. Existing columns are never altered.
 */
export async function planMongoToPgMigration(input: {
  mongo: MongoClient
  defaultDatabase: string
  target: pg.ClientBase
  scope: SyncScope
}): Promise<MongoToPgPlan> {
  const tables = await planMongoTargetTables(input.mongo, input.defaultDatabase, input.scope)
  const target = await readPgSnapshot(input.target, input.scope, tables.map((table) => ({ schema: table.schema, name: table.table })))
  const { rows } = await input.target.query<{ nspname: string }>('SELECT nspname FROM pg_catalog.pg_namespace')
  const schemas = new Set(rows.map((row) => row.nspname))
  const statements: MigrationStatementOut[] = []
  const diff: ObjectDiff[] = []
  for (const schema of new Set(tables.map((table) => table.schema))) {
    if (!schemas.has(schema)) statements.push({ kind: 'schema', object: schema, sql: `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}` })
  }
  for (const table of tables) {
    const object = `${table.schema}.${table.table}`
    const present = target.tables.find((candidate) => candidate.schema === table.schema && candidate.name === table.table)
    const before = statements.length
    if (!present) statements.push({ kind: 'table', object, sql: renderMongoCreateTable(table) })
    else {
      const existing = new Set(present.columns.map((column) => column.name))
      for (const column of table.columns) {
        if (existing.has(column.name)) continue
        statements.push({
          kind: 'column',
          object: `${object}.${column.name}`,
          sql: `ALTER TABLE ${qualified(table.schema, table.table)} ADD COLUMN IF NOT EXISTS ${renderMongoColumn(column)}`,
        })
      }
    }
    if (statements.length > before) {
      diff.push({ object, kind: 'table', source: renderMongoCreateTable(table), target: present ? renderCreateTable(present, target.sequences) : null })
    }
  }
  return { statements, diff, tables, target }
}
