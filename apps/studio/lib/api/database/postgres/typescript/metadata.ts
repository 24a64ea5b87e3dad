import type { Client } from 'pg'
import type {
  PgColumn,
  PgForeignTable,
  PgFunction,
  PgMaterializedView,
  PgSchema,
  PgTable,
  PgType,
  PgTypescriptQuery,
  PgView,
} from '@multibase/api-contracts'

import { listColumns } from '../catalog/columns'
import { listForeignKeys } from '../catalog/foreign-keys'
import { listForeignTables } from '../catalog/foreign-tables'
import { listFunctions } from '../catalog/functions'
import { listMaterializedViews } from '../catalog/materialized-views'
import { listSchemas } from '../catalog/schemas'
import { listTables } from '../catalog/tables'
import { listTypes } from '../catalog/types'
import { listViewDefinitions } from '../catalog/view-definitions'
import { listViews } from '../catalog/views'
import { viewRelationships, type Relationship } from './view-relationships'

/** Everything the TypeScript generator reads, from the same catalog queries as the listing routes. */
export interface GeneratorMetadata {
  schemas: PgSchema[]
  tables: PgTable[]
  foreignTables: PgForeignTable[]
  views: PgView[]
  materializedViews: PgMaterializedView[]
  columns: PgColumn[]
  /** Foreign keys, and the same keys seen through views. */
  relationships: Relationship[]
  functions: PgFunction[]
  /** Every type of the database (system schemas, row and array types included) to resolve ids. */
  types: PgType[]
}

const parse = async <T>(body: Promise<string>): Promise<T> => JSON.parse(await body) as T

/**
 * The schemas of the filter (system schemas never) and their relations, columns, keys and
 * functions; trigger and event-trigger functions are left out, as PostgREST cannot call them.
 * The queries run one after the other on the one pooled client.
 */
export async function loadGeneratorMetadata(client: Client, query: PgTypescriptQuery): Promise<GeneratorMetadata> {
  const filter = { included_schemas: query.included_schemas, excluded_schemas: query.excluded_schemas, include_system_schemas: false }
  const schemas = await parse<PgSchema[]>(listSchemas(client, filter))
  const tables = await parse<PgTable[]>(listTables(client, { ...filter, include_columns: false }))
  const foreignTables = await parse<PgForeignTable[]>(listForeignTables(client, { ...filter, include_columns: false }))
  const views = await parse<PgView[]>(listViews(client, { ...filter, include_columns: false }))
  const materializedViews = await parse<PgMaterializedView[]>(listMaterializedViews(client, { ...filter, include_columns: false }))
  const columns = await parse<PgColumn[]>(listColumns(client, filter))
  const foreignKeys = await listForeignKeys(client, filter)
  const viewDefinitions = await listViewDefinitions(client, filter)
  const functions = await parse<PgFunction[]>(listFunctions(client, filter))
  const types = await parse<PgType[]>(
    listTypes(client, {
      included_schemas: [],
      excluded_schemas: [],
      include_system_schemas: true,
      include_table_types: true,
      include_array_types: true,
    })
  )
  return {
    schemas,
    tables,
    foreignTables,
    views,
    materializedViews,
    columns,
    relationships: [...foreignKeys, ...viewRelationships(foreignKeys, viewDefinitions)],
    functions: functions.filter((fn) => fn.return_type !== 'trigger' && fn.return_type !== 'event_trigger'),
    types,
  }
}
