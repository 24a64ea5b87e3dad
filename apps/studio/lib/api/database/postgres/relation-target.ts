import { escapeIdentifier, type Client } from 'pg'

import { NotFoundError } from '../errors'

export interface RelationColumn {
  name: string
  /** format_type with modifiers, e.g. `numeric(10,2)`, `text[]`. */
  type: string
  /** The type's name (`jsonb`, `_text`, an enum's name). */
  format: string
  /** The type's oid (which picks the value codec). */
  type_id: number
  /** `"schema"."typname"`, quoted: what a value parameter is cast to (no typmod, so assignment applies it as for any INSERT). */
  cast: string
}

export interface RelationTarget {
  id: number
  schema: string
  name: string
  relkind: string
  columns: RelationColumn[]
  primaryKeys: string[]
  /** `"schema"."name"`, quoted. */
  qualifiedName: string
}

const RELATION_SQL = /* sql */ `
SELECT c.oid::int8 AS id, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
  coalesce((
    SELECT json_agg(json_build_object(
      'name', a.attname,
      'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
      'format', t.typname,
      'type_id', t.oid::int8,
      'cast', pg_catalog.quote_ident(tn.nspname) || '.' || pg_catalog.quote_ident(t.typname)
    ) ORDER BY a.attnum)
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  ), '[]'::json) AS columns,
  coalesce((
    SELECT json_agg(a.attname ORDER BY k.position)
    FROM pg_catalog.pg_index i
    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indrelid = c.oid AND i.indisprimary
  ), '[]'::json) AS primary_keys
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = $1::oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`

/** The table (or view) the explorer addresses by oid, with its columns and primary key. */
export async function loadRelationTarget(client: Client, id: number): Promise<RelationTarget> {
  const result = await client.query<{
    id: string
    schema: string
    name: string
    relkind: string
    columns: RelationColumn[]
    primary_keys: string[]
  }>(RELATION_SQL, [id])
  const row = result.rows[0]
  if (!row) throw new NotFoundError(`No table or view has id ${id}`, 'TABLE_NOT_FOUND')
  return {
    id: Number(row.id),
    schema: row.schema,
    name: row.name,
    relkind: row.relkind,
    columns: row.columns,
    primaryKeys: row.primary_keys,
    qualifiedName: `${escapeIdentifier(row.schema)}.${escapeIdentifier(row.name)}`,
  }
}
