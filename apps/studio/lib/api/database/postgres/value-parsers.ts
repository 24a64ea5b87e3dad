import { types, type CustomTypesConfig } from 'pg'

/**
 * How result values reach JSON. node-postgres' defaults turn bytea into Buffers (which serialize as
 * `{type:'Buffer',data:[...]}`) and dates into JS Dates (which move timestamps without time zone
 * into the server's local zone). Here those stay Postgres' own text — bytea as `\x` hex — and the
 * rest keeps the driver's parsing: numbers for int2/int4/float, strings for int8/numeric (no digit
 * lost), parsed json/jsonb, arrays of those as arrays.
 */
const TEXT_TYPES = new Set([
  17, // bytea
  1082, // date
  1083, // time
  1114, // timestamp
  1184, // timestamptz
  1266, // timetz
  1186, // interval
])
const TEXT_ARRAY_TYPES = new Set([
  1001, // bytea[]
  1182, // date[]
  1183, // time[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1270, // timetz[]
  1187, // interval[]
])
const TEXT_ARRAY_OID = 1009

const keepText = (value: string) => value
// pg-types types its oid parameter as a closed enum of built-in oids; any oid is accepted at run time.
const driverParser = types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (value: string) => unknown

export const resultValueTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return driverParser(oid, 'binary')
    if (TEXT_TYPES.has(oid)) return keepText
    if (TEXT_ARRAY_TYPES.has(oid)) return driverParser(TEXT_ARRAY_OID, 'text')
    return driverParser(oid, 'text')
  }) as CustomTypesConfig['getTypeParser'],
}
