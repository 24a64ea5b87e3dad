import { jsonArrayAggSql, jsonObjectSql } from './json-text-sql'

export const COLUMN_OBJECT = jsonObjectSql([
  ['table_id', 'r.oid::int8', 'integer'],
  ['schema', 'r.nspname', 'string'],
  ['table', 'r.relname', 'string'],
  ['id', "r.oid::text || '.' || a.attnum::text", 'string'],
  ['ordinal_position', 'a.attnum', 'integer'],
  ['name', 'a.attname', 'string'],
  ['default_value', 'CASE WHEN a.atthasdef THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END', 'string'],
  [
    'data_type',
    `CASE
      WHEN coalesce(bt.typelem, t.typelem) <> 0 AND coalesce(bt.typlen, t.typlen) = -1 THEN 'ARRAY'
      WHEN coalesce(bn.nspname, tn.nspname) = 'pg_catalog' THEN pg_catalog.format_type(coalesce(bt.oid, t.oid), NULL)
      ELSE 'USER-DEFINED'
    END`,
    'string',
  ],
  ['format', 'coalesce(bt.typname, t.typname)', 'string'],
  ['is_identity', "a.attidentity IN ('a', 'd')", 'boolean'],
  ['identity_generation', "CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END", 'string'],
  ['is_generated', "a.attgenerated = 's'", 'boolean'],
  ['is_nullable', "NOT (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull))", 'boolean'],
  [
    'is_updatable',
    "r.relkind IN ('r', 'p') OR (r.relkind IN ('v', 'f') AND pg_catalog.pg_column_is_updatable(r.oid, a.attnum, false))",
    'boolean',
  ],
  ['is_unique', 'u.relation_id IS NOT NULL', 'boolean'],
  ['check', 'CASE WHEN ck.definition IS NOT NULL THEN substring(ck.definition, 8, length(ck.definition) - 8) END', 'string'],
  ['enums', "coalesce(own_enum.labels, element_enum.labels, '[]'::json)", 'json'],
  ['comment', 'd.description', 'string'],
])

/**
 * CTEs that build pg-meta's column objects for every relation of the CTE `relations` (columns
 * `oid`, `nspname`, `relname`, `relkind`, `relowner`), aggregated per relation into
 * `columns_by_relation (relation_id, columns)` where `columns` is JSON text. Unique and check
 * constraints and enum labels are aggregated once and joined, so the cost grows with the number of
 * columns, not tables × catalog scans.
 *
 * Semantics follow postgres-meta: `data_type` is information_schema's (ARRAY, USER-DEFINED or the
 * pg_catalog type name), `format` the type's (or a domain's base type's) name, `is_unique` a
 * single-column unique constraint, `check` the first single-column check constraint's expression,
 * `enums` the labels of an enum type or of an array of one.
 */
export const COLUMN_SUPPORT_CTES = /* sql */ `
enum_labels AS (
  SELECT enumtypid, json_agg(enumlabel ORDER BY enumsortorder) AS labels
  FROM pg_catalog.pg_enum
  GROUP BY enumtypid
),
single_column_uniques AS (
  SELECT DISTINCT con.conrelid AS relation_id, con.conkey[1] AS attnum
  FROM pg_catalog.pg_constraint con
  JOIN relations r ON r.oid = con.conrelid
  WHERE con.contype = 'u' AND cardinality(con.conkey) = 1
),
single_column_checks AS (
  SELECT DISTINCT ON (con.conrelid, con.conkey[1])
    con.conrelid AS relation_id,
    con.conkey[1] AS attnum,
    pg_catalog.pg_get_constraintdef(con.oid, true) AS definition
  FROM pg_catalog.pg_constraint con
  JOIN relations r ON r.oid = con.conrelid
  WHERE con.contype = 'c' AND cardinality(con.conkey) = 1
  ORDER BY con.conrelid, con.conkey[1], con.oid
)`

/** FROM and WHERE of one row per visible column of `relations`; `a` is the pg_attribute row. */
export const COLUMN_ROWS_FROM_SQL = /* sql */ `
  FROM relations r
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
  LEFT JOIN pg_catalog.pg_namespace bn ON bn.oid = bt.typnamespace
  LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN enum_labels own_enum ON own_enum.enumtypid = coalesce(bt.oid, t.oid)
  LEFT JOIN enum_labels element_enum ON element_enum.enumtypid = coalesce(bt.typelem, t.typelem)
  LEFT JOIN single_column_uniques u ON u.relation_id = a.attrelid AND u.attnum = a.attnum
  LEFT JOIN single_column_checks ck ON ck.relation_id = a.attrelid AND ck.attnum = a.attnum
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
  WHERE pg_catalog.pg_has_role(r.relowner, 'USAGE')
    OR pg_catalog.has_column_privilege(r.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES')`

export const COLUMNS_CTES = /* sql */ `${COLUMN_SUPPORT_CTES},
columns_by_relation AS (
  SELECT a.attrelid AS relation_id, ${jsonArrayAggSql(COLUMN_OBJECT, 'a.attnum')} AS columns
${COLUMN_ROWS_FROM_SQL}
  GROUP BY a.attrelid
)`

/** Who may see a relation: pg-meta's (and information_schema's) visibility rule. */
export const RELATION_VISIBLE_SQL = /* sql */ `(
  pg_catalog.pg_has_role(c.relowner, 'USAGE')
  OR pg_catalog.has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
  OR pg_catalog.has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES')
)`
