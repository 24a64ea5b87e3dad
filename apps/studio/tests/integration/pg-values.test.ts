import { randomUUID } from 'node:crypto'

import { parseJsonKeepingRaw, RawJson, stringifyJson, type JsonPath } from '@multibase/api-contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { studioUrl } from '../helpers/api'
import { addConnection, createProject, type TestProject } from '../helpers/fixtures'
import { createTestDatabase, dropTestDatabase, withAdminClient } from '../helpers/pg-fixture'

/**
 * Postgres values through the API are exact: a table with a column of every built-in type (arrays,
 * enums, domains, json with duplicate keys, jsonb beyond double precision, float specials...) is
 * filled by SQL text, read through the rows route and written back unchanged through the row route,
 * and every row's text (`t::text`) is byte-identical before and after.
 */
const database = `mbtest_pg_values_${randomUUID().replace(/-/g, '').slice(0, 10)}`
let project: TestProject
let base: string
let valuesId: number
let bigKeysId: number

const SCHEMA_SQL = /* sql */ `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN money_amount AS numeric(30, 9);
CREATE DOMAIN doc AS jsonb;
CREATE TYPE pair AS (label text, amount numeric);
CREATE TABLE every_type (
  id integer PRIMARY KEY,
  c_int2 smallint, c_int4 integer, c_int8 bigint, c_numeric numeric, c_numeric_scaled numeric(12, 3),
  c_float4 real, c_float8 double precision, c_money money, c_bool boolean,
  c_char char(5), c_varchar varchar(10), c_text text, c_qchar "char", c_name name, c_bytea bytea,
  c_date date, c_time time, c_timetz timetz, c_timestamp timestamp, c_timestamptz timestamptz, c_interval interval,
  c_bit bit(4), c_varbit varbit, c_inet inet, c_cidr cidr, c_macaddr macaddr, c_macaddr8 macaddr8,
  c_point point, c_line line, c_lseg lseg, c_box box, c_path path, c_polygon polygon, c_circle circle,
  c_tsvector tsvector, c_tsquery tsquery, c_xml xml, c_uuid uuid, c_json json, c_jsonb jsonb, c_jsonpath jsonpath,
  c_int4range int4range, c_numrange numrange, c_tstzrange tstzrange, c_datemultirange datemultirange,
  c_oid oid, c_pg_lsn pg_lsn, c_enum mood, c_posint posint, c_money_amount money_amount, c_doc doc, c_pair pair,
  a_int4 integer[], a_int4_2d integer[], a_int8 bigint[], a_numeric numeric[], a_float8 double precision[], a_float4 real[],
  a_bool boolean[], a_text text[], a_varchar varchar(3)[], a_char char(2)[], a_bytea bytea[], a_timestamptz timestamptz[],
  a_interval interval[], a_inet inet[], a_point point[], a_box box[], a_json json[], a_jsonb jsonb[], a_uuid uuid[],
  a_enum mood[], a_posint posint[], a_doc doc[], a_pair pair[], a_money money[]
);
CREATE TABLE big_keys (id bigint PRIMARY KEY, amount numeric, ratio double precision);
`

// Filled by SQL text as psql would send it.
const FILL_SQL = /* sql */ `
INSERT INTO every_type VALUES (
  1, -32768, 2147483647, 9223372036854775807, 12345678901234567890.123456789, 123456789.125,
  3.4028235e+38, 0.1, -92233720368547758.08, true,
  'ab', 'x"y\\z', E'multi\\nline \\u2028 "quoted" ☃ \\\\', 'q', 'a name', '\\xdeadbeef00',
  '4713-01-01 BC', '24:00:00', '12:34:56.789+05:30', '2024-02-29 23:59:59.999999', '2024-06-01 12:00:00.123456+02',
  '1 year 2 mons -3 days 04:05:06.789',
  B'1010', B'101', '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05',
  '(1.5,-2)', '{1,-1,0}', '[(0,0),(1,1)]', '(1,1),(0,0)', '[(0,0),(1,1),(2,0)]', '((0,0),(1,1),(1,0))', '<(0,0),5>',
  'a fat:1A cat:2B', 'fat & (rat | cat)', '<a b="1">t &amp; u</a>', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  '{"a": 1, "a": 2,   "big": 123456789012345678901234567890}', '{"n": 123456789012345678901234567890.123, "e": 1e400, "s": "x"}',
  '$.store.book[*] ? (@.price < 10)',
  '[1,10)', '(0.5,1.25]', '["2024-01-01 00:00:00+00","2024-01-02 00:00:00+00")', '{[2024-01-01,2024-01-05),[2024-02-01,2024-02-03)}',
  4294967295, '16/B374D848', 'happy', 7, 123456789012345678901.123456789, '{"k": [1, 2.50, 1e400]}', '("a, b",12345678901234567890.5)',
  '{1,NULL,-3}', '{{1,2},{3,4}}', '{9223372036854775807,-9007199254740993}', '{12345678901234567890.123456789,NaN,Infinity}',
  '{NaN,Infinity,-Infinity,0.1,-0,1e-310}', '{1.1,NaN}',
  '{t,f,NULL}', '{"a,b","NULL",NULL,"q\\"x"," sp ",""}', '{abc,"d e"}', '{"a ","b "}', '{"\\\\x00ff",NULL}',
  '{"2024-06-01 12:00:00+02",infinity}', '{"1 day","-00:00:01"}', '{::1,10.0.0.1/32}', '{"(1,2)","(3.5,-4)"}',
  '{(1,1),(0,0);(2,2),(1,1)}', ARRAY['{"a": 1, "a": 2}', '[1e400]']::json[], ARRAY['{"z": 123456789012345678901234567890}', '"s"']::jsonb[],
  '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{sad,happy}', '{1,2}', ARRAY['{"x": 1}']::doc[], ARRAY['("x ""y""",1)']::pair[], '{$1.00,-$2.50}'
);
INSERT INTO every_type (id) VALUES (2);
INSERT INTO every_type (id, c_numeric, c_float4, c_float8, c_date, c_timestamptz, c_json, c_jsonb, c_text, c_bytea, a_int4, a_text, a_jsonb)
VALUES (3, 'NaN', '-Infinity', 'NaN', 'infinity', '-infinity', '  [ 1,  2 ]\n', '"just a string"', '', '\\x', '{}', '{}', '{}');
INSERT INTO every_type (id, c_numeric, c_float4, c_float8, c_jsonb, a_int4, a_json)
VALUES (4, 'Infinity', 'NaN', '-Infinity', '12345678901234567890123456789012345', '[0:2]={7,8,9}', ARRAY[' {"a" : 1} ', NULL]::json[]);
INSERT INTO big_keys VALUES (9007199254740993, 0.1, 'Infinity');
`

const rowTexts = (table: string) =>
  withAdminClient(database, async (client) => (await client.query<{ t: string }>(`SELECT t::text AS t FROM ${table} t ORDER BY id`)).rows.map((row) => row.t))

/** An API call whose body and answer are JSON text: values of `rows`/`row` stay their exact text. */
async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${studioUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${project.owner.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : stringifyJson(body),
  })
  const text = await response.text()
  const keepCells = (path: JsonPath) => (path[0] === 'rows' && path.length === 3) || (path[0] === 'row' && path.length === 2)
  return { status: response.status, text, body: parseJsonKeepingRaw(text, keepCells) as any }
}

const rowPath = (id: number, pk: Record<string, unknown>) => `${base}/tables/${id}/row?${new URLSearchParams({ pk: stringifyJson(pk) })}`

beforeAll(async () => {
  await createTestDatabase(database)
  await withAdminClient(database, async (client) => {
    await client.query(SCHEMA_SQL)
    await client.query(FILL_SQL)
    const ids = await client.query<{ a: string; b: string }>(`SELECT 'every_type'::regclass::oid::int8 AS a, 'big_keys'::regclass::oid::int8 AS b`)
    valuesId = Number(ids.rows[0].a)
    bigKeysId = Number(ids.rows[0].b)
  })
  project = await createProject()
  await addConnection(project, 'postgres', { options: { database } })
  base = `/api/platform/pg-meta/${project.ref}`
})

afterAll(async () => {
  await dropTestDatabase(database)
})

describe('Postgres values are exact', () => {
  it('reads every type by its codec: digits, float specials, json text, arrays of every element type', async () => {
    const page = await call('GET', `${base}/tables/${valuesId}/rows?limit=10`)
    expect(page.status).toBe(200)
    const codecs = Object.fromEntries(page.body.columns.map((column: any) => [column.name, `${column.codec}${column.array ? '[]' : ''}`]))
    expect(codecs).toMatchObject({
      c_int2: 'integer', c_int8: 'decimal', c_numeric: 'decimal', c_money: 'decimal', c_float4: 'float', c_float8: 'float',
      c_bool: 'boolean', c_json: 'json', c_jsonb: 'json', c_doc: 'json', c_enum: 'text', c_posint: 'integer',
      c_money_amount: 'decimal', c_timestamptz: 'text', c_bytea: 'text', c_oid: 'integer',
      a_numeric: 'decimal[]', a_enum: 'text[]', a_posint: 'integer[]', a_doc: 'json[]', a_json: 'json[]', a_box: 'text[]', a_int4_2d: 'integer[]',
    })
    const [first, , third, fourth] = page.body.rows as Array<Record<string, RawJson>>
    const text = (row: Record<string, RawJson>, column: string) => row[column].text
    expect(text(first, 'c_int8')).toBe('"9223372036854775807"')
    expect(text(first, 'c_numeric')).toBe('"12345678901234567890.123456789"')
    expect(text(first, 'c_float4')).toBe('3.4028235e+38')
    expect(text(first, 'c_json')).toBe('{"a": 1, "a": 2,   "big": 123456789012345678901234567890}')
    expect(text(first, 'c_jsonb')).toBe(`{"e": 1${'0'.repeat(400)}, "n": 123456789012345678901234567890.123, "s": "x"}`)
    expect(text(first, 'a_numeric')).toBe('["12345678901234567890.123456789","NaN","Infinity"]')
    expect(text(first, 'a_float8')).toBe('["NaN","Infinity","-Infinity",0.1,-0,1e-310]')
    expect(text(first, 'a_enum')).toBe('["sad","happy"]')
    expect(text(first, 'a_int4_2d')).toBe('[[1,2],[3,4]]')
    expect(text(first, 'a_json')).toBe('[{"a": 1, "a": 2},[1e400]]')
    expect(text(first, 'a_box')).toBe('["(1,1),(0,0)","(2,2),(1,1)"]')
    expect(text(first, 'a_text')).toBe('["a,b","NULL",null,"q\\"x"," sp ",""]')
    expect(text(first, 'c_bytea')).toBe('"\\\\xdeadbeef00"')
    // The API's sessions run in UTC, whatever the server's or role's TimeZone.
    expect(text(first, 'c_timestamptz')).toBe('"2024-06-01 10:00:00.123456+00"')
    expect(text(third, 'c_float8')).toBe('"NaN"')
    expect(text(third, 'c_float4')).toBe('"-Infinity"')
    expect(text(third, 'c_numeric')).toBe('"NaN"')
    // The json text keeps even the whitespace around it (everything between the separators).
    expect(text(third, 'c_json')).toBe('  [ 1,  2 ]\n')
    expect(text(fourth, 'a_int4')).toBe('"[0:2]={7,8,9}"')
    expect(text(fourth, 'a_json')).toBe('[ {"a" : 1} ,null]')
    expect(text(third, 'c_jsonb')).toBe('"just a string"')
    expect(text(fourth, 'c_jsonb')).toBe('12345678901234567890123456789012345')
  })

  it('writes every row back unchanged through the row route: t::text is byte-identical', async () => {
    const before = await rowTexts('every_type')
    const page = await call('GET', `${base}/tables/${valuesId}/rows?limit=10`)
    expect(page.body.rows).toHaveLength(before.length)
    for (const [index, row] of (page.body.rows as Array<Record<string, RawJson>>).entries()) {
      const { id, ...values } = row
      // PUT and PATCH both change the named columns; every column is sent with the value read.
      const updated = await call(index % 2 ? 'PATCH' : 'PUT', rowPath(valuesId, { id }), { values })
      expect(updated.status, updated.text).toBe(200)
      expect(stringifyJson(updated.body.row)).toBe(stringifyJson(row))
    }
    expect(await rowTexts('every_type')).toEqual(before)
  })

  it('lands values sent as strings or exact JSON numbers without rounding', async () => {
    const asStrings = await call('POST', `${base}/tables/${bigKeysId}/row`, { values: { id: '9007199254740995', amount: '12345678901234567890.123456789', ratio: 'NaN' } })
    expect(asStrings.status, asStrings.text).toBe(201)
    const asNumbers = await call('POST', `${base}/tables/${bigKeysId}/row`, '{"values":{"id":9007199254740997,"amount":12345678901234567890.123456789,"ratio":1e-310}}')
    expect(asNumbers.status, asNumbers.text).toBe(201)
    expect(asNumbers.body.row.id.text).toBe('"9007199254740997"')
    expect(await rowTexts('big_keys')).toEqual([
      '(9007199254740993,0.1,Infinity)',
      '(9007199254740995,12345678901234567890.123456789,NaN)',
      '(9007199254740997,12345678901234567890.123456789,1e-310)',
    ])
    // A bigint key beyond 2^53 addresses its own row, given as a string or as a JSON number.
    const byNumber = await call('GET', `${base}/tables/${bigKeysId}/row?pk=${encodeURIComponent('{"id":9007199254740993}')}`)
    expect(byNumber.status, byNumber.text).toBe(200)
    expect(byNumber.body.row.ratio.text).toBe('"Infinity"')
    const filtered = await call('GET', `${base}/tables/${bigKeysId}/rows?filter=${encodeURIComponent('id:in:[9007199254740993,"9007199254740997"]')}`)
    expect(filtered.body.rows.map((row: Record<string, RawJson>) => row.id.text)).toEqual(['"9007199254740993"', '"9007199254740997"'])
    const deleted = await call('DELETE', rowPath(bigKeysId, { id: '9007199254740995' }))
    expect(deleted.status).toBe(200)
    expect(await rowTexts('big_keys')).toHaveLength(2)
  })

  it('answers SQL with the same codecs and the same value text as the rows route', async () => {
    const page = await call('GET', `${base}/tables/${valuesId}/rows?limit=10`)
    const sql = await call('POST', `${base}/query`, { query: 'SELECT * FROM every_type ORDER BY id' })
    expect(sql.status, sql.text).toBe(200)
    expect(sql.body.fields.map((field: any) => [field.name, field.codec, field.array])).toEqual(
      page.body.columns.map((column: any) => [column.name, column.codec, column.array])
    )
    expect(stringifyJson(sql.body.rows)).toBe(stringifyJson(page.body.rows))
    const specials = await call('POST', `${base}/query`, {
      query: `SELECT 'NaN'::float8 AS f, '{12345678901234567890.123456789,NaN}'::numeric[] AS n, '{"a":1,"a":2}'::json AS j, 1e400::text::jsonb AS e, ARRAY['ok']::mood[] AS m`,
    })
    expect(specials.text).toContain(`"rows":[{"f":"NaN","n":["12345678901234567890.123456789","NaN"],"j":{"a":1,"a":2},"e":1${'0'.repeat(400)},"m":["ok"]}]`)
  })
})
