import { relationsOfKindLister } from './relations-of-kind'

/** pg-meta's foreign tables (relkind f), with their columns unless include_columns=false. */
export const listForeignTables = relationsOfKindLister('f', [
  ['id', 'r.oid::int8', 'integer'],
  ['schema', 'r.nspname', 'string'],
  ['name', 'r.relname', 'string'],
  ['comment', 'd.description', 'string'],
])
