import type { SyncFinding, SyncScope, SyncSizeEstimate } from '@multibase/api-contracts'
import type pg from 'pg'

import { castVerdict } from './cast-lossless'
import { planPgMigration } from './generate-migration'
import type { PgTable } from './pg-snapshot'

/** A column the target requires but a copied row cannot fill. */
const requiredWithoutValue = (column: PgTable['columns'][number]) =>
  column.notNull && column.default === null && !column.identity && !column.generated

/**
 * Postgres → Postgres: every source table needs a primary key (a sync resumes from the last key
 * copied); types that differ are compared by whether the cast keeps every value; what the target
 * lacks is reported and left to generate-migration, whose pending statement count is the last
 * finding, so a target that matches the source reports nothing.
 */
export async function validatePostgresToPostgres(source: pg.ClientBase, target: pg.ClientBase, scope: SyncScope) {
  const plan = await planPgMigration({ source, target, scope })
  const findings: SyncFinding[] = []
  if (plan.source.tables.length === 0) {
    findings.push({ severity: 'error', code: 'EMPTY_SCOPE', object: '', message: 'No table of the source is in scope' })
  }
  const targetTables = new Map(plan.target.tables.map((table) => [`${table.schema}.${table.name}`, table]))
  for (const table of plan.source.tables) {
    const object = `${table.schema}.${table.name}`
    if (!table.constraints.some((constraint) => constraint.type === 'p')) {
      findings.push({
        severity: 'error',
        code: 'MISSING_PRIMARY_KEY',
        object,
        message: `${object} has no primary key: a sync of it could not resume where it stopped`,
      })
    }
    const present = targetTables.get(object)
    if (!present) {
      findings.push({ severity: 'warning', code: 'MISSING_TABLE', object, message: `${object} does not exist on the target`, details: { fixableByMigration: true } })
      continue
    }
    compareColumns(table, present, findings)
  }
  for (const item of plan.source.enums) {
    const object = `${item.schema}.${item.name}`
    const present = plan.target.allEnums.get(object)
    if (!present) {
      findings.push({ severity: 'warning', code: 'MISSING_TYPE', object, message: `Enum ${object} does not exist on the target`, details: { fixableByMigration: true } })
      continue
    }
    const missing = item.labels.filter((label) => !present.labels.includes(label))
    if (missing.length > 0) {
      findings.push({
        severity: 'error',
        code: 'ENUM_VALUE_MISSING',
        object,
        message: `Enum ${object} on the target lacks ${missing.map((label) => `'${label}'`).join(', ')}: rows with them cannot be written`,
        details: { missing, fixableByMigration: true },
      })
    }
  }
  if (plan.statements.length > 0) {
    findings.push({
      severity: 'info',
      code: 'SCHEMA_DIFFERENCES',
      object: '',
      message: `generate-migration has ${plan.statements.length} statement(s) to bring the target's schema to the source's`,
      details: { statements: plan.statements.length, kinds: [...new Set(plan.statements.map((statement) => statement.kind))] },
    })
  }
  const size: SyncSizeEstimate = {
    bytes: plan.source.tables.reduce((sum, table) => sum + table.bytes, 0),
    units: plan.source.tables.reduce((sum, table) => sum + table.rows, 0),
    method: 'pg_total_relation_size and the planner row estimate (pg_class.reltuples)',
    objects: plan.source.tables.map((table) => ({ object: `${table.schema}.${table.name}`, bytes: table.bytes, units: table.rows })),
  }
  return { findings, size }
}

function compareColumns(table: PgTable, present: PgTable, findings: SyncFinding[]): void {
  const object = `${table.schema}.${table.name}`
  const targetColumns = new Map(present.columns.map((column) => [column.name, column]))
  for (const column of table.columns) {
    const other = targetColumns.get(column.name)
    if (!other) {
      findings.push({
        severity: 'warning',
        code: 'MISSING_COLUMN',
        object: `${object}.${column.name}`,
        message: `Column ${column.name} of ${object} does not exist on the target`,
        details: { fixableByMigration: true },
      })
      continue
    }
    const verdict = castVerdict(column.type, other.type)
    if (verdict === 'same') continue
    findings.push({
      severity: verdict === 'lossless' ? 'warning' : 'error',
      code: 'TYPE_MISMATCH',
      object: `${object}.${column.name}`,
      message: `${column.type} on the source, ${other.type} on the target: ${verdict === 'lossless' ? 'every value fits' : 'values can be changed or rejected'}`,
      details: { sourceType: column.type, targetType: other.type, lossless: verdict === 'lossless' },
    })
  }
  const sourceNames = new Set(table.columns.map((column) => column.name))
  for (const column of present.columns) {
    if (sourceNames.has(column.name) || !requiredWithoutValue(column)) continue
    findings.push({
      severity: 'error',
      code: 'TARGET_COLUMN_REQUIRED',
      object: `${object}.${column.name}`,
      message: `Column ${column.name} is NOT NULL without a default on the target and absent on the source`,
    })
  }
}
