import type { SyncColumnPreview, SyncScope } from '@multibase/api-contracts'
import type { MongoClient } from 'mongodb'

import { ValidationError } from '../../database/errors'
import { inferDocumentColumns, JSONB_MAPPING_COLUMNS, type InferredColumn } from './mongo-columns'
import { qualified, quoteIdent } from './sql-text'

/** Documents read to infer columns: enough to see a collection's usual shape, bounded in time. */
export const COLUMN_SAMPLE_SIZE = 200
const MAX_TIME_MS = 10_000

export interface MongoTargetTable {
  collection: { db: string; name: string }
  schema: string
  table: string
  columns: InferredColumn[]
  sampled: number
}

/** The collections of the scope, or every collection of the connection's database when none is named. */
export async function scopeCollections(client: MongoClient, defaultDatabase: string, scope: SyncScope): Promise<Array<{ db: string; name: string }>> {
  if (scope.collections && scope.collections.length > 0) return scope.collections
  const entries = await client.db(defaultDatabase).listCollections({ type: 'collection' }, { nameOnly: true }).toArray()
  return entries.map((entry) => ({ db: defaultDatabase, name: entry.name })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** Postgres identifiers stop at 63 bytes; a longer name would be silently truncated by the server. */
const fitsIdentifier = (name: string) => Buffer.byteLength(name) <= 63

export async function planMongoTargetTables(client: MongoClient, defaultDatabase: string, scope: SyncScope): Promise<MongoTargetTable[]> {
  const schema = scope.targetSchema ?? 'public'
  const tables: MongoTargetTable[] = []
  for (const collection of await scopeCollections(client, defaultDatabase, scope)) {
    if (!fitsIdentifier(collection.name)) {
      throw new ValidationError(`Collection name too long for a Postgres table: ${collection.db}.${collection.name.slice(0, 80)}`)
    }
    if (scope.documentMapping !== 'columns') {
      tables.push({ collection, schema, table: collection.name, columns: JSONB_MAPPING_COLUMNS, sampled: 0 })
      continue
    }
    const documents = await client
      .db(collection.db)
      .collection(collection.name)
      .find({}, { limit: COLUMN_SAMPLE_SIZE, promoteValues: false, promoteLongs: false, maxTimeMS: MAX_TIME_MS })
      .toArray()
    const columns = inferDocumentColumns(documents as Array<Record<string, unknown>>).filter((column) => fitsIdentifier(column.name))
    tables.push({ collection, schema, table: collection.name, columns, sampled: documents.length })
  }
  return tables
}

export function toColumnPreview(table: MongoTargetTable): SyncColumnPreview {
  return {
    collection: `${table.collection.db}.${table.collection.name}`,
    table: `${table.schema}.${table.table}`,
    sampled: table.sampled,
    columns: table.columns,
  }
}

/**
 * Only _id is constrained: a sample cannot prove that every document has a field, and a NOT NULL
 * guessed from it would reject the first document without one half-way through a sync.
 */
export function renderMongoColumn(column: InferredColumn): string {
  return `${quoteIdent(column.name)} ${column.type}${column.name === '_id' ? ' PRIMARY KEY' : ''}`
}

export function renderMongoCreateTable(table: MongoTargetTable): string {
  const columns = table.columns.map((column) => `  ${renderMongoColumn(column)}`)
  return `CREATE TABLE IF NOT EXISTS ${qualified(table.schema, table.table)} (\n${columns.join(',\n')}\n)`
}
