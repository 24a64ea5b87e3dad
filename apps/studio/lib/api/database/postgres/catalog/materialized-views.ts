import { relationsOfKindLister } from './relations-of-kind'

/** pg-meta's materialized views (relkind m); columns only with include_columns=true. */
export const listMaterializedViews = relationsOfKindLister('m', [
  ['id', 'r.oid::int8', 'integer'],
  ['schema', 'r.nspname', 'string'],
  ['name', 'r.relname', 'string'],
  ['is_populated', 'r.relispopulated', 'boolean'],
  ['comment', 'd.description', 'string'],
])
