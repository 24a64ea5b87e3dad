/**
 * SQL that writes a JSON object as text by concatenation. Postgres' json_build_object / row_to_json
 * look up every argument's type and output function on every call; on the 30,000+ column objects of
 * a large database that is most of the query's time (measured ~3× slower than this). Here only
 * strings go through to_json (which escapes them exactly as JSON requires); integers and booleans
 * use their text form, which is already valid JSON, and json values are inserted as they are.
 * Used where volume matters (tables, views and their columns); the small listings (policies,
 * triggers, types, extensions) keep json_build_object.
 */
export type JsonValueKind = 'string' | 'integer' | 'boolean' | 'json'
export type JsonField = readonly [key: string, expression: string, kind: JsonValueKind]

const KEY = /^[a-z_]+$/

function valueSql(expression: string, kind: JsonValueKind): string {
  switch (kind) {
    case 'string':
      return `coalesce(to_json((${expression})::text)::text, 'null')`
    case 'integer':
    case 'boolean':
    case 'json':
      // int8/int4/oid, boolean ('true'/'false') and json print as valid JSON
      return `coalesce((${expression})::text, 'null')`
  }
}

/** A text expression: the JSON object with these keys in this order. */
export function jsonObjectSql(fields: readonly JsonField[]): string {
  return `(${fields
    .map(([key, expression, kind], index) => {
      if (!KEY.test(key)) throw new Error(`JSON key ${key} must be a plain identifier`)
      return `'${index === 0 ? '{' : ','}"${key}":' || ${valueSql(expression, kind)}`
    })
    .join('\n    || ')} || '}')`
}

/** An aggregate text expression: a JSON array of the objects, `[]` when there are none. */
export function jsonArrayAggSql(objectSql: string, orderBy: string): string {
  return `coalesce('[' || string_agg(${objectSql}, ',' ORDER BY ${orderBy}) || ']', '[]')`
}
