import { calculateObjectSize } from 'bson'
import type { Document } from 'mongodb'
import { escapeIdentifier, type Client } from 'pg'

import { withDatabaseClient } from '../../database/helpers'
import type { MongoDBClient } from '../../database/mongodb-client'
import type { PostgresClient } from '../../database/postgres-client'
import {
  copyCollectionBatches,
  countMongo,
  idFromText,
  idToText,
  mongoCheckpointSchema,
  readMongoBatch,
  sourceFilter,
  type MongoCheckpoint,
} from './mongodb-source'
import { columnValue, documentJson, idText, inferColumnType, type ColumnType } from './mongodb-to-postgres-values'
import type { EngineContext } from './types'

const SAMPLE_SIZE = 200
/** Postgres identifiers are at most 63 bytes; longer field names stay inside the jsonb `doc`. */
const MAX_IDENTIFIER = 63

interface TableShape {
  qualified: string
  columns: Array<{ field: string; type: ColumnType }>
}

/**
 * The target table of a collection: `(_id text primary key, doc jsonb)`, or with `columns` mapping a
 * column per top-level field of a sample, typed by its BSON type (mixed types become jsonb).
 * An existing table is used as it is.
 */
async function ensureTable(target: Client, schema: string, name: string, mapping: 'jsonb' | 'columns', sample: Document[]): Promise<TableShape> {
  const qualified = `${escapeIdentifier(schema)}.${escapeIdentifier(name)}`
  let columns: TableShape['columns'] = [{ field: 'doc', type: 'jsonb' }]
  if (mapping === 'columns') {
    const fields = [...new Set(sample.flatMap((document) => Object.keys(document)))].filter(
      (field) => field !== '_id' && Buffer.byteLength(field) <= MAX_IDENTIFIER
    )
    columns = fields.map((field) => ({ field, type: inferColumnType(sample.map((document) => document[field])) }))
  }
  const { rows: existing } = await target.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> '_id' ORDER BY a.attnum`,
    [qualified]
  )
  if (existing.length > 0) {
    return { qualified, columns: existing.map((column) => ({ field: column.name, type: column.type as ColumnType })) }
  }
  await target.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(schema)}`)
  const definitions = columns.map((column) => `${escapeIdentifier(column.field)} ${column.type}`)
  await target.query(`CREATE TABLE IF NOT EXISTS ${qualified} (_id text PRIMARY KEY, ${definitions.join(', ')})`)
  return { qualified, columns }
}

/** One batch as one INSERT … SELECT FROM jsonb_to_recordset: every value typed by Postgres' own input functions. */
async function insertRows(target: Client, table: TableShape, documents: Document[], policy: string, redo: boolean): Promise<void> {
  const jsonbMode = table.columns.length === 1 && table.columns[0].field === 'doc' && table.columns[0].type === 'jsonb'
  const rows = documents.map((document) => {
    const row: Record<string, unknown> = { _id: idText(document._id) }
    if (jsonbMode) row.doc = documentJson(document)
    else for (const column of table.columns) row[column.field] = columnValue(document[column.field], column.type)
    return row
  })
  const names = ['_id', ...table.columns.map((column) => column.field)].map(escapeIdentifier)
  const recordType = ['_id text', ...table.columns.map((column) => `${escapeIdentifier(column.field)} ${column.type}`)].join(', ')
  const updates = table.columns.map((column) => `${escapeIdentifier(column.field)} = EXCLUDED.${escapeIdentifier(column.field)}`)
  const onConflict =
    policy === 'overwrite' && updates.length > 0 ? `ON CONFLICT (_id) DO UPDATE SET ${updates.join(', ')}` : policy === 'skip' || redo ? 'ON CONFLICT (_id) DO NOTHING' : ''
  await target.query(
    `INSERT INTO ${table.qualified} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${recordType}) ${onConflict}`,
    [JSON.stringify(rows)]
  )
}

/**
 * MongoDB collection → Postgres table: batched cursor in _id order, each batch one INSERT, the last
 * _id saved after each batch. Int64 → bigint, Decimal128 → numeric, Date → timestamptz, ObjectId →
 * text, the rest jsonb as canonical Extended JSON (so every BSON type stays recoverable).
 */
export async function syncMongoToPostgres(context: EngineContext): Promise<boolean> {
  const { definition } = context
  const saved: MongoCheckpoint = context.checkpoint ? mongoCheckpointSchema.parse(context.checkpoint) : { completed: [], current: null }
  const completed = new Set(saved.completed)
  const filter = sourceFilter(definition)
  const schema = definition.scope.targetSchema ?? 'public'
  const mapping = definition.scope.documentMapping ?? 'jsonb'
  const fromSource = <R>(fn: (source: MongoDBClient) => Promise<R>) => withDatabaseClient(context.project, 'mongodb', definition.sourceConnectionId, fn)
  const toTarget = <R>(fn: (target: PostgresClient) => Promise<R>) => withDatabaseClient(context.project, 'postgres', definition.targetConnectionId, fn)
  let redo = context.checkpoint !== null
  for (const collection of definition.scope.collections ?? []) {
    const unit = `${collection.db}.${collection.name}`
    if (completed.has(unit)) continue
    const { total, sample } = await fromSource(async (source) => ({
      total: await countMongo(source.native, collection.db, collection.name, filter),
      sample: await readMongoBatch(source.native, collection.db, collection.name, filter, undefined, SAMPLE_SIZE),
    }))
    const table = await toTarget((target) => ensureTable(target.native, schema, collection.name, mapping, sample))
    context.progress.begin(unit, total)
    const outcome = await copyCollectionBatches(
      (lastId) => fromSource((source) => readMongoBatch(source.native, collection.db, collection.name, filter, lastId, definition.batchSize)),
      async (documents, redoBatch) => {
        await toTarget((target) => insertRows(target.native, table, documents, definition.conflictPolicy, redoBatch))
        return { bytes: documents.reduce((sum, document) => sum + calculateObjectSize(document), 0) }
      },
      {
        lastId: saved.current?.unit === unit ? idFromText(saved.current.lastId) : undefined,
        redo,
        onBatch: (count, bytes, lastId) => {
          context.progress.add(unit, count, bytes)
          return context.save({ completed: [...completed], current: { unit, lastId: idToText(lastId) } }, unit)
        },
      }
    )
    redo = false
    if (outcome === 'halted') return false
    context.progress.finish(unit)
    completed.add(unit)
    if (!(await context.save({ completed: [...completed], current: null }, unit))) return false
  }
  return true
}
