import {
  assertNoServerJavaScript,
  EjsonInputError,
  parseEjson,
  serializeEjson,
  type DatabaseType,
  type SyncJob,
  type SyncJobBody,
} from '@multibase/api-contracts'

import { ValidationError } from '../database/errors'
import { getDatabaseConnection, type ConnectionRow, type ProjectRef } from '../platform/connections'
import type { SyncJobRecord } from '../platform/sync-jobs'
import { syncDefinitionSchema } from './definition-schema'
import type { SyncDefinition } from './engines/types'
import { normalizeRowFilter } from './row-filter'

const iso = (value: Date | string) => new Date(value).toISOString()

/** The database a connection addresses, as far as the same server could be reached twice. */
function databaseObject(row: ConnectionRow, targetDatabase?: string): string {
  const options = (row.options ?? {}) as Record<string, unknown>
  const name =
    row.database_type === 'postgres'
      ? String(options.database ?? 'postgres')
      : row.database_type === 'redis'
        ? String(options.db ?? 0)
        : String(targetDatabase ?? '*')
  return `${row.database_type}://${row.host.toLowerCase()}:${row.port}/${name}`
}

function documentFilterOf(text: string): string {
  try {
    const parsed = parseEjson(text, 'documentFilter')
    assertNoServerJavaScript(parsed, 'documentFilter')
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new EjsonInputError('documentFilter: must be a document', 'INVALID_EJSON')
    return JSON.stringify(serializeEjson(parsed, 'canonical'))
  } catch (error) {
    if (error instanceof EjsonInputError) throw new ValidationError(error.message, { field: 'documentFilter', ...error.details }, error.code)
    throw error
  }
}

/**
 * Checks a sync definition against the project: both connections exist here with the engines of the
 * direction (the caller's access to the project covers both), they are not the same database, and
 * the filters fit the source engine. Returns what platform.sync_jobs stores.
 */
export async function resolveSyncDefinition(project: ProjectRef, body: SyncJobBody): Promise<SyncDefinition> {
  const [sourceType, targetType] = body.direction.split('->') as [DatabaseType, DatabaseType]
  if (body.sourceConnectionId === body.targetConnectionId) {
    throw new ValidationError('Source and target must be different connections', { field: 'targetConnectionId' }, 'SYNC_SAME_DATABASE')
  }
  const source = await getDatabaseConnection(project, sourceType, body.sourceConnectionId)
  const target = await getDatabaseConnection(project, targetType, body.targetConnectionId)
  const sourceDatabases = sourceType === 'mongodb' ? (body.scope.collections ?? []).map((collection) => collection.db) : []
  const sameObject =
    sourceType === targetType &&
    (sourceType === 'mongodb'
      ? source.host.toLowerCase() === target.host.toLowerCase() && source.port === target.port && (!body.targetDatabase || sourceDatabases.includes(body.targetDatabase))
      : databaseObject(source) === databaseObject(target))
  if (sameObject) throw new ValidationError('Source and target are the same database', { field: 'targetConnectionId' }, 'SYNC_SAME_DATABASE')
  if (body.rowFilter && sourceType !== 'postgres') throw new ValidationError('rowFilter applies to Postgres sources only', { field: 'rowFilter' })
  if (body.documentFilter && sourceType !== 'mongodb') throw new ValidationError('documentFilter applies to MongoDB sources only', { field: 'documentFilter' })
  if (body.mode !== 'data' && body.direction !== 'postgres->postgres') {
    throw new ValidationError('Schema modes exist for Postgres → Postgres only', { field: 'mode' })
  }
  return syncDefinitionSchema.parse({
    sourceConnectionId: source.id,
    targetConnectionId: target.id,
    scope: body.scope,
    mode: body.mode,
    conflictPolicy: body.conflictPolicy,
    batchSize: body.batchSize,
    ...(body.rowFilter ? { rowFilter: normalizeRowFilter(body.rowFilter) } : {}),
    ...(body.documentFilter ? { documentFilter: documentFilterOf(body.documentFilter) } : {}),
    ...(body.targetDatabase ? { targetDatabase: body.targetDatabase } : {}),
  })
}

export function toSyncJob(record: SyncJobRecord): SyncJob {
  const definition = syncDefinitionSchema.parse(record.definition)
  return {
    id: record.id,
    name: record.name,
    direction: record.direction as SyncJob['direction'],
    sourceConnectionId: record.source_connection_id,
    targetConnectionId: record.target_connection_id,
    scope: definition.scope,
    mode: definition.mode,
    conflictPolicy: definition.conflictPolicy,
    batchSize: definition.batchSize,
    rowFilter: definition.rowFilter ?? null,
    documentFilter: definition.documentFilter ?? null,
    targetDatabase: definition.targetDatabase ?? null,
    state: record.state,
    runJobId: record.run_job_id,
    progress: record.progress,
    error: record.error,
    createdAt: iso(record.created_at),
    updatedAt: iso(record.updated_at),
  }
}
