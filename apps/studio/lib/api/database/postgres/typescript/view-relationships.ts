import type { PgForeignKey } from '../catalog/foreign-keys'
import type { PgViewDefinition } from '../catalog/view-definitions'
import { viewColumnOrigins } from '../view-target-list'

/** A relationship as the generator prints it (a foreign key, or one seen through views). */
export type Relationship = Pick<
  PgForeignKey,
  'foreign_key_name' | 'schema' | 'relation' | 'columns' | 'referenced_schema' | 'referenced_relation' | 'referenced_columns' | 'is_one_to_one'
>

/** Every combination of one entry per list. */
function product(lists: string[][]): string[][] {
  return lists.reduce<string[][]>((results, list) => results.flatMap((result) => list.map((item) => [...result, item])), [[]])
}

/**
 * Foreign keys seen through views, as PostgREST embeds them: a view showing all of a key's
 * referencing columns relates to the referenced table, a table relates to a view showing all of
 * the referenced columns, and two such views relate to each other. A view column that shows a
 * column of another view is followed down to the table.
 */
export function viewRelationships(keys: PgForeignKey[], views: PgViewDefinition[]): Relationship[] {
  const direct = new Map<number, Array<{ column: string; relationId: number; attnum: number }>>()
  for (const view of views) {
    direct.set(
      view.id,
      viewColumnOrigins(view.definition)
        .filter((origin) => view.columns[origin.resno - 1] !== undefined)
        .map((origin) => ({ column: view.columns[origin.resno - 1], relationId: origin.relationId, attnum: origin.attnum }))
    )
  }
  /** The table column a view column finally shows, following views (cycles stop). */
  const resolve = (relationId: number, attnum: number, seen: Set<number>): { relationId: number; attnum: number } => {
    const inner = direct.get(relationId)
    if (!inner || seen.has(relationId)) return { relationId, attnum }
    const column = views.find((view) => view.id === relationId)?.columns[attnum - 1]
    const origin = inner.find((item) => item.column === column)
    return origin ? resolve(origin.relationId, origin.attnum, new Set([...seen, relationId])) : { relationId, attnum }
  }
  const origins = views.map((view) => ({
    view,
    columns: (direct.get(view.id) ?? []).map((item) => ({ column: item.column, ...resolve(item.relationId, item.attnum, new Set([view.id])) })),
  }))
  /** For each view showing all `attnums` of the relation: the view column choices, in key order. */
  const showing = (relationId: number, attnums: number[]) =>
    origins.flatMap(({ view, columns }) => {
      const choices = attnums.map((attnum) => columns.filter((item) => item.relationId === relationId && item.attnum === attnum).map((item) => item.column))
      return choices.every((list) => list.length > 0) ? [{ view, combinations: product(choices) }] : []
    })

  return keys.flatMap((key) => {
    const sources = showing(key.relation_id, key.column_numbers)
    const targets = showing(key.referenced_relation_id, key.referenced_column_numbers)
    const base = { foreign_key_name: key.foreign_key_name, is_one_to_one: key.is_one_to_one }
    const viewToTable = sources.flatMap(({ view, combinations }) =>
      combinations.map((columns) => ({
        ...base,
        schema: view.schema,
        relation: view.name,
        columns,
        referenced_schema: key.referenced_schema,
        referenced_relation: key.referenced_relation,
        referenced_columns: key.referenced_columns,
      }))
    )
    const tableToView = targets.flatMap(({ view, combinations }) =>
      combinations.map((referencedColumns) => ({
        ...base,
        schema: key.schema,
        relation: key.relation,
        columns: key.columns,
        referenced_schema: view.schema,
        referenced_relation: view.name,
        referenced_columns: referencedColumns,
      }))
    )
    const viewToView = sources.flatMap((source) =>
      source.combinations.flatMap((columns) =>
        targets.flatMap((target) =>
          target.combinations.map((referencedColumns) => ({
            ...base,
            schema: source.view.schema,
            relation: source.view.name,
            columns,
            referenced_schema: target.view.schema,
            referenced_relation: target.view.name,
            referenced_columns: referencedColumns,
          }))
        )
      )
    )
    return [...viewToTable, ...tableToView, ...viewToView]
  })
}
