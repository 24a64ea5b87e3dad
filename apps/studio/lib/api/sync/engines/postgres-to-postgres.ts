import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { escapeIdentifier, escapeLiteral, type Client } from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { z } from 'zod'

import { withDatabaseClient } from '../../database/helpers'
import type { PostgresClient } from '../../database/postgres-client'
import { planTables, type TablePlan } from './postgres-catalog'
import type { EngineContext, SyncDefinition } from './types'

/** Where a copy resumes: the tables done, and the last primary key copied of the table under way. */
const checkpointSchema = z
  .object({ completed: z.array(z.string()), current: z.object({ unit: z.string(), lastKey: z.array(z.string()) }).nullable() })
  .strict()
type PostgresCheckpoint = z.infer<typeof checkpointSchema>

const unitName = (table: { schema: string; name: string }) => `${table.schema}.${table.name}`
const qualified = (table: { schema: string; name: string }) => `${escapeIdentifier(table.schema)}.${escapeIdentifier(table.name)}`
const columnList = (columns: Array<{ name: string }>) => columns.map((column) => escapeIdentifier(column.name)).join(', ')
/** A key value back as a typed literal, e.g. '42'::bigint, so the row comparison uses the column's order. */
const keyLiteral = (plan: TablePlan, values: string[]) => `(${values.map((value, index) => `${escapeLiteral(value)}::${plan.primaryKey[index].type}`).join(', ')})`

/** Counts the bytes of the COPY stream as it passes from source to target. */
function byteCounter() {
  let bytes = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length
      callback(null, chunk)
    },
  })
  return { stream, bytes: () => bytes }
}

interface Batch {
  rows: number
  bytes: number
  /** The last key of the batch, or null when the table has no rows after `after`. */
  lastKey: string[] | null
}

/**
 * One batch: the next `batchSize` rows after `after` in primary-key order, streamed with
 * COPY … TO STDOUT from the source and COPY … FROM STDIN into the target (binary unless a column's
 * binary form carries a type OID). The conflict policy, or a batch that may have been committed by
 * a worker that died before saving its checkpoint (`redo`), goes through a staging table and
 * INSERT … ON CONFLICT, so a redone batch skips the rows already there: no duplicates, no gaps.
 */
async function copyBatch(source: Client, target: Client, plan: TablePlan, definition: SyncDefinition, after: string[] | null, redo: boolean): Promise<Batch> {
  const key = columnList(plan.primaryKey)
  const filters = [definition.rowFilter ? `(${definition.rowFilter})` : 'true']
  if (after && plan.primaryKey.length > 0) filters.push(`(${key}) > ${keyLiteral(plan, after)}`)
  await source.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    let lastKey: string[] | null = null
    if (plan.primaryKey.length > 0) {
      const bound = await source.query({
        text: `SELECT ${plan.primaryKey.map((column) => `${escapeIdentifier(column.name)}::text`).join(', ')} FROM ${qualified(plan)}
                WHERE ${filters.join(' AND ')} ORDER BY ${key} OFFSET ${definition.batchSize - 1} LIMIT 1`,
        rowMode: 'array',
      })
      lastKey = (bound.rows[0] as string[] | undefined) ?? null
      if (lastKey) filters.push(`(${key}) <= ${keyLiteral(plan, lastKey)}`)
    }
    const format = plan.binary ? 'binary' : 'text'
    const select = `SELECT ${columnList(plan.columns)} FROM ${qualified(plan)} WHERE ${filters.join(' AND ')}${key ? ` ORDER BY ${key}` : ''}`
    const staged = redo || definition.conflictPolicy !== 'error'
    const counter = byteCounter()
    await target.query('BEGIN')
    try {
      let into = qualified(plan)
      if (staged) {
        await target.query(`CREATE TEMP TABLE sync_stage ON COMMIT DROP AS SELECT ${columnList(plan.columns)} FROM ${qualified(plan)} WITH NO DATA`)
        into = 'sync_stage'
      }
      const sink = target.query(copyFrom(`COPY ${into} (${columnList(plan.columns)}) FROM STDIN (FORMAT ${format})`))
      await pipeline(source.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT ${format})`)), counter.stream, sink)
      const rows = sink.rowCount
      if (staged) {
        const overwrite = definition.conflictPolicy === 'overwrite' && plan.primaryKey.length > 0
        const updates = plan.columns.filter((column) => !plan.primaryKey.some((pk) => pk.name === column.name))
        const onConflict =
          overwrite && updates.length > 0
            ? `ON CONFLICT (${key}) DO UPDATE SET ${updates.map((column) => `${escapeIdentifier(column.name)} = EXCLUDED.${escapeIdentifier(column.name)}`).join(', ')}`
            : 'ON CONFLICT DO NOTHING'
        await target.query(
          `INSERT INTO ${qualified(plan)} (${columnList(plan.columns)}) OVERRIDING SYSTEM VALUE SELECT ${columnList(plan.columns)} FROM sync_stage ${onConflict}`
        )
      }
      await target.query('COMMIT')
      return { rows, bytes: counter.bytes(), lastKey }
    } catch (error) {
      await target.query('ROLLBACK').catch(() => undefined)
      throw error
    }
  } finally {
    await source.query('COMMIT').catch(() => undefined)
  }
}

/** Sets each copied table's sequences in the target to where the source's stand. */
async function copySequences(source: Client, target: Client, plans: TablePlan[]): Promise<void> {
  for (const sequence of plans.flatMap((plan) => plan.sequences)) {
    const { rows } = await source.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${sequence}`)
    await target.query('SELECT setval($1::regclass, $2::bigint, $3)', [sequence, rows[0].last_value, rows[0].is_called])
  }
}

const withPair = <R>(context: EngineContext, fn: (source: Client, target: Client) => Promise<R>) =>
  withDatabaseClient(context.project, 'postgres', context.definition.sourceConnectionId, (source: PostgresClient) =>
    withDatabaseClient(context.project, 'postgres', context.definition.targetConnectionId, (target: PostgresClient) => fn(source.native, target.native))
  )

/**
 * Postgres → Postgres: one table at a time in foreign-key order, batches by primary-key range,
 * a checkpoint after every batch, sequences set at the end. Clients are borrowed per batch so a long
 * copy holds no pool slot between batches and a target that went away fails only the batch.
 */
export async function syncPostgresToPostgres(context: EngineContext): Promise<boolean> {
  const saved: PostgresCheckpoint = context.checkpoint ? checkpointSchema.parse(context.checkpoint) : { completed: [], current: null }
  const plans = await withPair(context, (source) => planTables(source, context.definition.scope))
  let redo = context.checkpoint !== null
  const completed = new Set(saved.completed)
  for (const plan of plans) {
    const unit = unitName(plan)
    if (completed.has(unit)) continue
    const total = await withPair(context, async (source) => {
      const filter = context.definition.rowFilter ? ` WHERE ${context.definition.rowFilter}` : ''
      const { rows } = await source.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${qualified(plan)}${filter}`)
      return Number(rows[0].count)
    })
    context.progress.begin(unit, total)
    if (plan.primaryKey.length === 0) await context.warn(`${unit} has no primary key: it is copied in one batch`, { unit })
    let after = saved.current?.unit === unit ? saved.current.lastKey : null
    for (;;) {
      const batch = await withPair(context, (source, target) => copyBatch(source, target, plan, context.definition, after, redo))
      redo = false
      context.progress.add(unit, batch.rows, batch.bytes)
      const finished = batch.lastKey === null || plan.primaryKey.length === 0
      if (finished) {
        context.progress.finish(unit)
        completed.add(unit)
      }
      after = batch.lastKey
      const checkpoint: PostgresCheckpoint = { completed: [...completed], current: finished ? null : { unit, lastKey: after! } }
      if (!(await context.save(checkpoint, unit))) return false
      if (finished) break
    }
  }
  await withPair(context, (source, target) => copySequences(source, target, plans))
  return true
}
