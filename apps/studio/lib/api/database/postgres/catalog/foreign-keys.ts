import type { Client } from 'pg'

import { schemaFilterParams, schemaFilterSql, type SchemaFilterInput } from '../schema-filter'
import { runCatalogJsonQuery } from './run-catalog-query'

/** A foreign key as the type generator needs it: whole column lists, in key order. */
export interface PgForeignKey {
  foreign_key_name: string
  schema: string
  relation: string
  columns: string[]
  referenced_schema: string
  referenced_relation: string
  referenced_columns: string[]
  /** The key's columns are exactly a primary key or unique constraint of the referencing table. */
  is_one_to_one: boolean
  /** Oids and column numbers of both ends, to follow the key through views. */
  relation_id: number
  column_numbers: number[]
  referenced_relation_id: number
  referenced_column_numbers: number[]
}

/**
 * Foreign keys declared on relations of the filtered schemas (a partition's inherited copies
 * left out: conparentid <> 0). $1 included, $2 excluded schemas.
 */
const FOREIGN_KEYS_SQL = /* sql */ `
WITH keys AS (
  SELECT con.oid, con.conname, con.conrelid, con.confrelid, con.conkey, con.confkey, n.nspname, c.relname
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE con.contype = 'f' AND con.conparentid = 0 AND ${schemaFilterSql('n.nspname', 1, 2)}
)
SELECT coalesce(json_agg(
  json_build_object(
    'foreign_key_name', k.conname,
    'schema', k.nspname,
    'relation', k.relname,
    'columns', (SELECT json_agg(a.attname ORDER BY p.position) FROM unnest(k.conkey) WITH ORDINALITY AS p(attnum, position)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = p.attnum),
    'referenced_schema', tn.nspname,
    'referenced_relation', tc.relname,
    'referenced_columns', (SELECT json_agg(a.attname ORDER BY p.position) FROM unnest(k.confkey) WITH ORDINALITY AS p(attnum, position)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = p.attnum),
    'is_one_to_one', EXISTS (
      SELECT FROM pg_catalog.pg_constraint u
      WHERE u.conrelid = k.conrelid AND u.contype IN ('p', 'u')
        AND u.conkey @> k.conkey AND k.conkey @> u.conkey),
    'relation_id', k.conrelid::int8,
    'column_numbers', k.conkey,
    'referenced_relation_id', k.confrelid::int8,
    'referenced_column_numbers', k.confkey
  )
  ORDER BY k.nspname, k.relname, k.conname
), '[]'::json)::text AS body
FROM keys k
JOIN pg_catalog.pg_class tc ON tc.oid = k.confrelid
JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace`

export async function listForeignKeys(client: Client, filter: SchemaFilterInput): Promise<PgForeignKey[]> {
  return JSON.parse(await runCatalogJsonQuery(client, FOREIGN_KEYS_SQL, schemaFilterParams(filter))) as PgForeignKey[]
}
