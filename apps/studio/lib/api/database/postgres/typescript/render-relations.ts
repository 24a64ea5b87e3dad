import type { Relationship } from './view-relationships'
import type { Relation, RenderContext } from './render-context'
import { object, text, tsString, tsStringArray, tuple, type TsMember, type TsNode } from './ts-printer'

/** A view or materialized view (never writable) as the generator writes it. */
export interface ViewLike extends Relation {
  is_updatable: boolean
}

/**
 * The Tables and Views members of one schema: Row (columns, then computed fields), Insert and
 * Update (identity ALWAYS columns `never`; a view's only when it is updatable, its non-updatable
 * columns `never`), and the relationships leaving the relation within its schema.
 */
export function relationMembers(
  ctx: RenderContext,
  schema: string,
  tables: Relation[],
  views: ViewLike[],
  computedFields: (relation: Relation) => TsMember[]
): { tables: TsMember[]; views: TsMember[] } {
  const relationships = [...ctx.meta.relationships].sort(
    (a, b) =>
      a.foreign_key_name.localeCompare(b.foreign_key_name) ||
      a.referenced_relation.localeCompare(b.referenced_relation) ||
      JSON.stringify(a.referenced_columns).localeCompare(JSON.stringify(b.referenced_columns))
  )
  const relationshipNode = (key: Relationship): TsNode =>
    object([
      { key: 'foreignKeyName', value: text(tsString(key.foreign_key_name)) },
      { key: 'columns', value: text(tsStringArray(key.columns)) },
      ...(ctx.options.detectOneToOneRelationships ? [{ key: 'isOneToOne', value: text(String(key.is_one_to_one)) }] : []),
      { key: 'referencedRelation', value: text(tsString(key.referenced_relation)) },
      { key: 'referencedColumns', value: text(tsStringArray(key.referenced_columns)) },
    ])
  const relationshipsOf = (relation: Relation): TsMember => ({
    key: 'Relationships',
    value: tuple(
      relationships
        .filter((key) => key.schema === relation.schema && key.relation === relation.name && key.referenced_schema === relation.schema)
        .map(relationshipNode)
    ),
  })
  const never = (name: string): TsMember => ({ key: name, optional: true, value: text('never') })
  const row = (relation: Relation): TsMember => ({
    key: 'Row',
    value: object([...ctx.columnsOf(relation).map((column) => ctx.columnMember(schema, column, column.is_nullable, false)), ...computedFields(relation)]),
  })

  const tableMembers = tables.map((table): TsMember => {
    const columns = ctx.columnsOf(table)
    const insert = columns.map((column) =>
      column.identity_generation === 'ALWAYS'
        ? never(column.name)
        : ctx.columnMember(schema, column, column.is_nullable, column.is_nullable || column.is_identity || column.default_value !== null)
    )
    const update = columns.map((column) =>
      column.identity_generation === 'ALWAYS' ? never(column.name) : ctx.columnMember(schema, column, column.is_nullable, true)
    )
    return {
      key: table.name,
      value: object([row(table), { key: 'Insert', value: object(insert) }, { key: 'Update', value: object(update) }, relationshipsOf(table)]),
    }
  })

  const viewMembers = views.map((view): TsMember => {
    const writable = () =>
      object(ctx.columnsOf(view).map((column) => (column.is_updatable ? ctx.columnMember(schema, column, true, true) : never(column.name))))
    const writes = view.is_updatable
      ? [
          { key: 'Insert', value: writable() },
          { key: 'Update', value: writable() },
        ]
      : []
    return { key: view.name, value: object([row(view), ...writes, relationshipsOf(view)]) }
  })
  return { tables: tableMembers, views: viewMembers }
}
