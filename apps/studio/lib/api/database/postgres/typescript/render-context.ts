import type { PgColumn, PgSchema, PgType } from '@multibase/api-contracts'

import type { GeneratorMetadata } from './metadata'
import { nullable, pgTypeToTs, type TypeContext } from './pg-type-to-ts'
import { text, type TsMember } from './ts-printer'

export interface RenderOptions {
  detectOneToOneRelationships: boolean
  postgrestVersion?: string
}

export interface Relation {
  id: number
  schema: string
  name: string
}

export const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)

/** Lookups every part of the generated file shares. */
export interface RenderContext {
  meta: GeneratorMetadata
  options: RenderOptions
  schemas: PgSchema[]
  typesById: Map<number, PgType>
  /** Row types of relations and composite types, by type id. */
  relationRowTypes: Map<number, PgType>
  /** Names of tables, foreign tables, views and materialized views, by oid. */
  relationNames: Map<number, string>
  /** A relation's columns, by name (the order postgres-meta writes them in). */
  columnsOf(relation: Relation): PgColumn[]
  /** The TypeScript type of a type id, written inside `schema`. */
  tsOfTypeId(schema: string, typeId: number): string
  /** `name?: Type | null` of a column. */
  columnMember(schema: string, column: PgColumn, isNullable: boolean, optional: boolean): TsMember
}

export function createRenderContext(meta: GeneratorMetadata, options: RenderOptions): RenderContext {
  const schemas = [...meta.schemas].sort(byName)
  const typeContext: TypeContext = { types: meta.types, schemas, tables: meta.tables, views: meta.views }
  const typesById = new Map(meta.types.map((type) => [type.id, type]))
  const columnsByRelation = new Map<number, PgColumn[]>()
  for (const column of meta.columns) {
    const list = columnsByRelation.get(column.table_id) ?? []
    list.push(column)
    columnsByRelation.set(column.table_id, list)
  }
  for (const list of columnsByRelation.values()) list.sort(byName)
  return {
    meta,
    options,
    schemas,
    typesById,
    relationRowTypes: new Map(meta.types.filter((type) => type.type_relation_id !== null).map((type) => [type.id, type])),
    relationNames: new Map([...meta.tables, ...meta.foreignTables, ...meta.views, ...meta.materializedViews].map((item) => [item.id, item.name])),
    columnsOf: (relation) => columnsByRelation.get(relation.id) ?? [],
    tsOfTypeId: (schema, typeId) => {
      const type = typesById.get(typeId)
      return type ? pgTypeToTs(schema, type.name, typeContext) : 'unknown'
    },
    columnMember: (schema, column, isNullable, optional) => ({
      key: column.name,
      optional,
      value: text(nullable(pgTypeToTs(schema, column.format, typeContext), isNullable)),
    }),
  }
}
