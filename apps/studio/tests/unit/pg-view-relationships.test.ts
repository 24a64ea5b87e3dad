import { describe, expect, it } from 'vitest'

import type { PgForeignKey } from 'lib/api/database/postgres/catalog/foreign-keys'
import type { PgViewDefinition } from 'lib/api/database/postgres/catalog/view-definitions'
import { viewRelationships } from 'lib/api/database/postgres/typescript/view-relationships'

const entry = (resno: number, table: number, column: number) =>
  `{TARGETENTRY :expr {VAR :varno 1} :resno ${resno} :resname c${resno} :ressortgroupref 0 :resorigtbl ${table} :resorigcol ${column} :resjunk false}`
const view = (id: number, name: string, columns: string[], entries: string[]): PgViewDefinition => ({
  id,
  schema: 'public',
  name,
  columns,
  definition: `({QUERY :commandType 1 :targetList (${entries.join(' ')}) :override 0})`,
})

// posts (oid 2) .author -> users (oid 1) .id
const key: PgForeignKey = {
  foreign_key_name: 'posts_author_fkey',
  schema: 'public',
  relation: 'posts',
  columns: ['author'],
  referenced_schema: 'public',
  referenced_relation: 'users',
  referenced_columns: ['id'],
  is_one_to_one: false,
  relation_id: 2,
  column_numbers: [2],
  referenced_relation_id: 1,
  referenced_column_numbers: [1],
}

describe('viewRelationships', () => {
  it('relates a view showing the referencing column, a view showing the key, and both, following views of views', () => {
    const postView = view(10, 'post_view', ['id', 'writer'], [entry(1, 2, 1), entry(2, 2, 2)])
    const userView = view(11, 'user_view', ['uid'], [entry(1, 1, 1)])
    // Shows post_view's writer column, so posts.author underneath.
    const nested = view(12, 'post_view_2', ['writer'], [entry(1, 10, 2)])
    const found = viewRelationships([key], [postView, userView, nested]).map(
      (item) => `${item.relation}(${item.columns}) -> ${item.referenced_relation}(${item.referenced_columns})`
    )
    expect(found).toEqual([
      'post_view(writer) -> users(id)',
      'post_view_2(writer) -> users(id)',
      'posts(author) -> user_view(uid)',
      'post_view(writer) -> user_view(uid)',
      'post_view_2(writer) -> user_view(uid)',
    ])
  })

  it('needs every column of the key in the view', () => {
    const composite = { ...key, columns: ['a', 'b'], column_numbers: [2, 3], referenced_columns: ['x', 'y'], referenced_column_numbers: [1, 2] }
    const partial = view(10, 'partial', ['a'], [entry(1, 2, 2)])
    expect(viewRelationships([composite], [partial])).toEqual([])
  })
})
