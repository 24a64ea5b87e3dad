import type { SyncFinding, SyncScope, SyncSizeEstimate } from '@multibase/api-contracts'
import type { MongoClient } from 'mongodb'
import type pg from 'pg'

import { castVerdict } from './cast-lossless'
import { planMongoToPgMigration } from './generate-mongo-migration'
import { scopeCollections, toColumnPreview } from './mongo-target'

const MAX_TIME_MS = 10_000

async function collectionSizes(client: MongoClient, collections: Array<{ db: string; name: string }>): Promise<SyncSizeEstimate> {
  const objects = []
  for (const { db, name } of collections) {
    const stats = await client.db(db).command({ collStats: name, scale: 1, maxTimeMS: MAX_TIME_MS }).catch(() => ({ size: 0, count: 0 }))
    objects.push({ object: `${db}.${name}`, bytes: Number(stats.size ?? 0), units: Number(stats.count ?? 0) })
  }
  return {
    bytes: objects.reduce((sum, item) => sum + item.bytes, 0),
    units: objects.reduce((sum, item) => sum + item.units, 0),
    method: 'collStats (size and count)',
    objects,
  }
}

async function collectionExists(client: MongoClient, db: string, name: string): Promise<boolean> {
  const entries = await client.db(db).listCollections({ name }, { nameOnly: true }).toArray()
  return entries.length > 0
}

/** MongoDB → MongoDB: source collections exist; target collections absent or already holding documents. */
export async function validateMongoToMongo(source: MongoClient, sourceDefault: string, target: MongoClient, scope: SyncScope) {
  const collections = await scopeCollections(source, sourceDefault, scope)
  const findings: SyncFinding[] = []
  if (collections.length === 0) findings.push({ severity: 'error', code: 'EMPTY_SCOPE', object: sourceDefault, message: 'No collection of the source is in scope' })
  for (const { db, name } of collections) {
    const object = `${db}.${name}`
    if (!(await collectionExists(source, db, name))) {
      findings.push({ severity: 'error', code: 'MISSING_SOURCE_COLLECTION', object, message: `${object} does not exist on the source` })
      continue
    }
    if (!(await collectionExists(target, db, name))) {
      findings.push({ severity: 'info', code: 'MISSING_COLLECTION', object, message: `${object} does not exist on the target; the sync creates it` })
      continue
    }
    const count = await target.db(db).collection(name).estimatedDocumentCount({ maxTimeMS: MAX_TIME_MS })
    if (count > 0) {
      findings.push({ severity: 'warning', code: 'TARGET_NOT_EMPTY', object, message: `${object} already holds about ${count} document(s) on the target`, details: { documents: count } })
    }
  }
  return { findings, size: await collectionSizes(source, collections) }
}

/**
 * MongoDB → Postgres: each collection's target table — absent (generate-migration creates it), or
 * present with the columns the mapping needs, of types the mapped values fit, keyed by _id.
 */
export async function validateMongoToPostgres(source: MongoClient, sourceDefault: string, target: pg.ClientBase, scope: SyncScope) {
  const plan = await planMongoToPgMigration({ mongo: source, defaultDatabase: sourceDefault, target, scope })
  const findings: SyncFinding[] = []
  if (plan.tables.length === 0) findings.push({ severity: 'error', code: 'EMPTY_SCOPE', object: sourceDefault, message: 'No collection of the source is in scope' })
  for (const table of plan.tables) {
    const object = `${table.schema}.${table.table}`
    const present = plan.target.tables.find((candidate) => candidate.schema === table.schema && candidate.name === table.table)
    if (!present) {
      findings.push({ severity: 'warning', code: 'MISSING_TABLE', object, message: `${object} does not exist on the target`, details: { fixableByMigration: true } })
      continue
    }
    const primaryKey = present.constraints.find((constraint) => constraint.type === 'p')
    if (primaryKey?.definition !== 'PRIMARY KEY (_id)') {
      findings.push({ severity: 'error', code: 'MISSING_PRIMARY_KEY', object, message: `${object} must have the primary key (_id) the sync upserts by` })
    }
    for (const column of table.columns) {
      const other = present.columns.find((candidate) => candidate.name === column.name)
      if (!other) {
        findings.push({ severity: 'warning', code: 'MISSING_COLUMN', object: `${object}.${column.name}`, message: `Column ${column.name} does not exist on the target`, details: { fixableByMigration: true } })
        continue
      }
      const verdict = castVerdict(column.type, other.type)
      if (verdict === 'same') continue
      findings.push({
        severity: verdict === 'lossless' ? 'warning' : 'error',
        code: 'TYPE_MISMATCH',
        object: `${object}.${column.name}`,
        message: `The mapping needs ${column.type}, the target has ${other.type}`,
        details: { sourceType: column.type, targetType: other.type, lossless: verdict === 'lossless' },
      })
    }
  }
  const preview = scope.documentMapping === 'columns' ? plan.tables.map(toColumnPreview) : undefined
  return { findings, size: await collectionSizes(source, plan.tables.map((table) => table.collection)), preview }
}
