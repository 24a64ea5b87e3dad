import { Query, type Client, type FieldDef, type QueryConfig } from 'pg'
import type { PgQueryResult } from '@multibase/api-contracts'

import { mapDriverError } from '../driver-errors'
import { loadCodecs } from './codecs/load-codecs'
import { describeCodec, objectJsonText, rowsJsonText } from './codecs/rows-json'
import { textValueTypes } from './codecs/text-values'
import { TEXT_CODEC } from './codecs/value-codecs'
import { sqlErrorFrom } from './formatted-error'

export interface RunSqlOptions {
  sql: string
  timeoutMs: number
  /** Run in a READ ONLY transaction, one statement per request (extended protocol). */
  readOnly: boolean
  maxRows: number
  maxBytes: number
}

interface ResultInternals {
  command: string | null
  rowCount: number | null
  fields: FieldDef[]
  parseRow(fields: Array<string | null>): Array<string | null>
}

interface QueryInternals {
  _result: ResultInternals
  _canceledDueToError: unknown
}

type TruncatedReason = 'max_rows' | 'max_bytes'

/**
 * node-postgres' Query that keeps at most `maxRows` rows and `maxBytes` of row text of the last
 * result set. Rows past a cap are not even parsed, so a huge result costs network time (bounded by
 * the statement timeout) but never memory. The statement is not cancelled at the cap: cancelling
 * would roll back whatever a multi-statement script wrote before it.
 */
class CappedQuery extends Query {
  keptRows: Array<Array<string | null>> = []
  keptBytes = 0
  truncatedReason: TruncatedReason | undefined

  constructor(
    config: QueryConfig,
    private readonly caps: { maxRows: number; maxBytes: number }
  ) {
    super(config)
  }

  private get internals(): QueryInternals {
    return this as unknown as QueryInternals
  }

  handleRowDescription(message: unknown): void {
    // A new result set of a multi-statement script: only the last one is returned.
    ;(Query.prototype as unknown as { handleRowDescription(message: unknown): void }).handleRowDescription.call(this, message)
    this.keptRows = []
    this.keptBytes = 0
    this.truncatedReason = undefined
  }

  handleDataRow(message: { fields: Array<string | null> }): void {
    const internals = this.internals
    if (internals._canceledDueToError || this.truncatedReason) return
    let size = 0
    for (const field of message.fields) size += field?.length ?? 0
    if (this.keptRows.length >= this.caps.maxRows) {
      this.truncatedReason = 'max_rows'
      return
    }
    if (this.keptBytes + size > this.caps.maxBytes) {
      this.truncatedReason = 'max_bytes'
      return
    }
    try {
      this.keptRows.push(internals._result.parseRow(message.fields))
      this.keptBytes += size
    } catch (error) {
      internals._canceledDueToError = error
    }
  }
}

interface Execution {
  /** Each row as its fields' Postgres text, in field order (written as JSON by the codecs). */
  rows: Array<Array<string | null>>
  truncatedReason?: TruncatedReason
  result: ResultInternals
}

function execute(client: Client, options: RunSqlOptions): Promise<Execution> {
  return new Promise((resolve, reject) => {
    const config = {
      text: options.sql,
      types: textValueTypes,
      rowMode: 'array',
      // The extended protocol refuses several statements in one request, which is what keeps a
      // read-only caller from ending the READ ONLY transaction and writing after it.
      ...(options.readOnly ? { queryMode: 'extended' } : {}),
    } as QueryConfig
    const query = new CappedQuery(config, options)
    query.on('error', reject)
    query.on('end', (results: unknown) => {
      const all = (Array.isArray(results) ? results : [results]) as ResultInternals[]
      const last = all[all.length - 1]
      resolve({ rows: query.keptRows, truncatedReason: query.truncatedReason, result: last })
    })
    client.query(query)
  })
}

/** Leaves the pooled connection as it was borrowed: no open transaction, no changed session state. */
async function resetSession(client: Client): Promise<void> {
  if (client.getTransactionStatus() !== 'I') await client.query('ROLLBACK')
  await client.query('DISCARD ALL')
}

async function fieldTypeNames(client: Client, fields: FieldDef[]): Promise<Map<number, string>> {
  const oids = [...new Set(fields.map((field) => field.dataTypeID))]
  if (!oids.length) return new Map()
  const result = await client.query<{ oid: number; name: string }>(
    'SELECT oid::int4 AS oid, pg_catalog.format_type(oid, NULL) AS name FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
    [oids]
  )
  return new Map(result.rows.map((row) => [row.oid, row.name]))
}

/**
 * Runs user SQL on a pooled connection. The statement timeout is enforced by the server
 * (`statement_timeout`), so a timed-out statement is cancelled there, not merely abandoned. A
 * read-only caller's statement runs inside `BEGIN READ ONLY`. Errors keep Postgres' fields.
 * Returns the JSON text of a PgQueryResult (values written by their field's codec, as in the rows
 * routes) and its row count, which the SQL audit records.
 */
export async function runSql(client: Client, options: RunSqlOptions): Promise<{ text: string; rowCount: number | null }> {
  const started = performance.now()
  let execution: Execution | undefined
  let failure: unknown
  try {
    if (options.readOnly) {
      await client.query('BEGIN READ ONLY')
      // A SELECT takes the transaction's snapshot, after which SET TRANSACTION READ WRITE is refused.
      await client.query("SELECT pg_catalog.set_config('statement_timeout', $1, true)", [String(options.timeoutMs)])
    } else {
      await client.query("SELECT pg_catalog.set_config('statement_timeout', $1, false)", [String(options.timeoutMs)])
    }
    execution = await execute(client, options)
  } catch (error) {
    failure = error
  }
  const durationMs = Math.round((performance.now() - started) * 100) / 100
  try {
    await resetSession(client)
  } catch (error) {
    // A connection that cannot be reset must not be reused: ending it makes the pool drop it.
    await client.end().catch(() => undefined)
    if (!failure) failure = error
  }
  if (failure || !execution) throw sqlErrorFrom(failure, options.sql) ?? mapDriverError('postgres', failure)

  const { result } = execution
  const resultFields = result.fields ?? []
  const typeNames = await fieldTypeNames(client, resultFields)
  const codecs = await loadCodecs(client, resultFields.map((field) => field.dataTypeID))
  const coded = resultFields.map((field) => ({ name: field.name, codec: codecs.get(field.dataTypeID) ?? TEXT_CODEC }))
  const rest: Omit<PgQueryResult, 'rows'> = {
    fields: resultFields.map((field, index) => ({
      name: field.name,
      dataTypeID: field.dataTypeID,
      type: typeNames.get(field.dataTypeID) ?? String(field.dataTypeID),
      ...describeCodec(coded[index].codec),
    })),
    rowCount: result.rowCount ?? null,
    command: result.command ?? null,
    truncated: execution.truncatedReason !== undefined,
    ...(execution.truncatedReason ? { truncatedReason: execution.truncatedReason } : {}),
    limits: { maxRows: options.maxRows, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs },
    readOnly: options.readOnly,
    durationMs,
  }
  return { text: objectJsonText({ rows: rowsJsonText(coded, execution.rows) }, rest), rowCount: rest.rowCount }
}
