import type { PgColumn, PgEnum, PgSequence, PgTable } from './pg-snapshot'
import { doBlock, qualified, quoteIdent, quoteLiteral } from './sql-text'

/**
 * DDL text for the objects of a snapshot. Every statement is idempotent: IF NOT EXISTS where
 * Postgres has it, a DO block checking the catalog where it does not (constraints, CREATE TYPE).
 * The same rendering is the "definition" the review's diff view shows for each side.
 */
function sequenceOptions(sequence: PgSequence, withType: boolean): string {
  return [
    withType ? `AS ${sequence.type}` : '',
    `INCREMENT BY ${sequence.increment}`,
    `MINVALUE ${sequence.min}`,
    `MAXVALUE ${sequence.max}`,
    `START WITH ${sequence.start}`,
    `CACHE ${sequence.cache}`,
    sequence.cycle ? 'CYCLE' : 'NO CYCLE',
  ]
    .filter(Boolean)
    .join(' ')
}

export function renderColumn(column: PgColumn, identitySequence?: PgSequence): string {
  let text = `${quoteIdent(column.name)} ${column.type}`
  if (column.generated === 's') text += ` GENERATED ALWAYS AS (${column.default}) STORED`
  else if (column.identity) {
    const options = identitySequence ? ` (${sequenceOptions(identitySequence, false)})` : ''
    text += ` GENERATED ${column.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${options}`
  } else if (column.default !== null) text += ` DEFAULT ${column.default}`
  if (column.notNull) text += ' NOT NULL'
  return text
}

const identitySequenceOf = (table: PgTable, column: PgColumn, sequences: readonly PgSequence[]) =>
  sequences.find(
    (sequence) =>
      sequence.owner?.deptype === 'i' &&
      sequence.owner.schema === table.schema &&
      sequence.owner.table === table.name &&
      sequence.owner.column === column.name
  )

export function renderCreateTable(table: PgTable, sequences: readonly PgSequence[]): string {
  const columns = table.columns.map((column) => `  ${renderColumn(column, identitySequenceOf(table, column, sequences))}`)
  return `CREATE TABLE IF NOT EXISTS ${qualified(table.schema, table.name)} (\n${columns.join(',\n')}\n)`
}

export function renderAddColumn(table: PgTable, column: PgColumn, sequences: readonly PgSequence[]): string {
  return `ALTER TABLE ${qualified(table.schema, table.name)} ADD COLUMN IF NOT EXISTS ${renderColumn(column, identitySequenceOf(table, column, sequences))}`
}

export function renderAddConstraint(table: PgTable, name: string, definition: string): string {
  const relation = qualified(table.schema, table.name)
  return doBlock(
    `IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = ${quoteLiteral(relation)}::regclass AND conname = ${quoteLiteral(name)}) ` +
      `THEN ALTER TABLE ${relation} ADD CONSTRAINT ${quoteIdent(name)} ${definition}; END IF;`
  )
}

/** pg_get_indexdef's text with IF NOT EXISTS added (the index name stays in the table's schema). */
export function renderCreateIndex(definition: string): string {
  return definition.replace(/^CREATE (UNIQUE )?INDEX /, (_match, unique: string | undefined) => `CREATE ${unique ?? ''}INDEX IF NOT EXISTS `)
}

export function renderCreateEnum(item: PgEnum): string {
  const labels = item.labels.map(quoteLiteral).join(', ')
  return doBlock(
    `IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace ` +
      `WHERE n.nspname = ${quoteLiteral(item.schema)} AND t.typname = ${quoteLiteral(item.name)}) ` +
      `THEN CREATE TYPE ${qualified(item.schema, item.name)} AS ENUM (${labels}); END IF;`
  )
}

/**
 * ALTER TYPE … ADD VALUE for the source's labels the target lacks, each placed next to a label that
 * exists by the time it runs, so the target's sort order matches the source's.
 */
export function renderMissingEnumValues(source: PgEnum, targetLabels: readonly string[]): string[] {
  const present = new Set(targetLabels)
  const statements: string[] = []
  source.labels.forEach((label, index) => {
    if (present.has(label)) return
    const previous = index > 0 ? source.labels[index - 1] : undefined
    const next = source.labels.slice(index + 1).find((candidate) => present.has(candidate))
    const position = previous !== undefined ? ` AFTER ${quoteLiteral(previous)}` : next !== undefined ? ` BEFORE ${quoteLiteral(next)}` : ''
    statements.push(`ALTER TYPE ${qualified(source.schema, source.name)} ADD VALUE IF NOT EXISTS ${quoteLiteral(label)}${position}`)
    present.add(label)
  })
  return statements
}

export function renderEnumDefinition(item: PgEnum): string {
  return `CREATE TYPE ${qualified(item.schema, item.name)} AS ENUM (${item.labels.map(quoteLiteral).join(', ')})`
}

export function renderCreateSequence(sequence: PgSequence): string {
  return `CREATE SEQUENCE IF NOT EXISTS ${qualified(sequence.schema, sequence.name)} ${sequenceOptions(sequence, true)}`
}

export function renderSequenceOwner(sequence: PgSequence): string | undefined {
  if (!sequence.owner || sequence.owner.deptype !== 'a') return undefined
  const { schema, table, column } = sequence.owner
  return `ALTER SEQUENCE ${qualified(sequence.schema, sequence.name)} OWNED BY ${qualified(schema, table)}.${quoteIdent(column)}`
}

/**
 * After the data: the sequence continues past both the source's last value and the highest value
 * copied into its column, so the next insert on the target cannot collide with a copied row.
 */
export function renderSetval(sequence: PgSequence): string | undefined {
  const last = sequence.lastValue === null ? 'NULL' : sequence.lastValue
  if (!sequence.owner) {
    return sequence.lastValue === null ? undefined : `SELECT pg_catalog.setval(${quoteLiteral(qualified(sequence.schema, sequence.name))}, ${last}, true)`
  }
  const { schema, table, column } = sequence.owner
  const relation = qualified(schema, table)
  const target =
    sequence.owner.deptype === 'i'
      ? `pg_catalog.pg_get_serial_sequence(${quoteLiteral(relation)}, ${quoteLiteral(column)})`
      : quoteLiteral(qualified(sequence.schema, sequence.name))
  return (
    `SELECT pg_catalog.setval(${target}, m.v, true) FROM ` +
    `(SELECT GREATEST(${last}::numeric, max(${quoteIdent(column)})::numeric)::bigint AS v FROM ${relation}) m WHERE m.v IS NOT NULL`
  )
}
