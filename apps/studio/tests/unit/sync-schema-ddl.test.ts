import { describe, expect, it } from 'vitest'
import { Decimal128, Double, Int32, Long, ObjectId } from 'mongodb'

import { castVerdict } from '../../lib/api/sync/schema/cast-lossless'
import { KIND_ORDER, orderStatements } from '../../lib/api/sync/schema/ddl-order'
import { inferDocumentColumns, postgresTypeForBson } from '../../lib/api/sync/schema/mongo-columns'
import { renderCreateIndex, renderMissingEnumValues } from '../../lib/api/sync/schema/pg-ddl'
import { doBlock, qualified } from '../../lib/api/sync/schema/sql-text'

describe('castVerdict', () => {
  it.each([
    ['integer', 'integer', 'same'],
    ['integer', 'bigint', 'lossless'],
    ['smallint', 'integer', 'lossless'],
    ['bigint', 'integer', 'lossy'],
    ['integer', 'smallint', 'lossy'],
    ['text', 'character varying(20)', 'lossy'],
    ['character varying(20)', 'text', 'lossless'],
    ['character varying(20)', 'character varying(40)', 'lossless'],
    ['character varying(40)', 'character varying(20)', 'lossy'],
    ['character varying', 'text', 'lossless'],
    ['numeric(12,2)', 'numeric(8,2)', 'lossy'],
    ['numeric(12,2)', 'numeric(12,1)', 'lossy'],
    ['numeric(8,2)', 'numeric(12,4)', 'lossless'],
    ['numeric(8,2)', 'numeric', 'lossless'],
    ['numeric', 'numeric(20,2)', 'lossy'],
    ['integer', 'numeric(10,0)', 'lossless'],
    ['bigint', 'numeric(10,0)', 'lossy'],
    ['timestamp with time zone', 'timestamp without time zone', 'lossy'],
    ['timestamp without time zone', 'timestamp with time zone', 'lossless'],
    ['timestamp(6) with time zone', 'timestamp(3) with time zone', 'lossy'],
    ['timestamptz', 'timestamp with time zone', 'same'],
    ['date', 'timestamp without time zone', 'lossless'],
    ['timestamp without time zone', 'date', 'lossy'],
    ['real', 'double precision', 'lossless'],
    ['double precision', 'real', 'lossy'],
    ['integer', 'double precision', 'lossless'],
    ['bigint', 'double precision', 'lossy'],
    ['json', 'jsonb', 'lossy'],
    ['jsonb', 'json', 'lossless'],
    ['uuid', 'text', 'lossless'],
    ['text', 'uuid', 'lossy'],
    ['integer[]', 'bigint[]', 'lossless'],
    ['bigint[]', 'integer[]', 'lossy'],
    ['integer[]', 'integer', 'lossy'],
  ])('%s → %s is %s', (source, target, verdict) => {
    expect(castVerdict(source, target)).toBe(verdict)
  })
})

describe('orderStatements', () => {
  it('puts types before tables, keys before foreign keys, indexes last, keeping catalog order within a kind', () => {
    const shuffled = [
      { kind: 'index', object: 'i1' },
      { kind: 'foreign_key', object: 'f1' },
      { kind: 'table', object: 't1' },
      { kind: 'primary_key', object: 'p1' },
      { kind: 'enum', object: 'e1' },
      { kind: 'table', object: 't2' },
      { kind: 'unique', object: 'u1' },
      { kind: 'schema', object: 's1' },
      { kind: 'sequence', object: 'q1' },
      { kind: 'foreign_key', object: 'f0' },
    ]
    expect(orderStatements(shuffled).map((statement) => statement.object)).toEqual(['s1', 'e1', 'q1', 't1', 't2', 'p1', 'u1', 'f1', 'f0', 'i1'])
  })

  it('refuses a kind it does not know instead of guessing its place', () => {
    expect(() => orderStatements([{ kind: 'trigger' }])).toThrow(/unknown statement kind/)
    expect(KIND_ORDER.indexOf('enum')).toBeLessThan(KIND_ORDER.indexOf('table'))
  })
})

describe('DDL text', () => {
  it('adds missing enum labels next to labels that exist by then', () => {
    const stage = { schema: 'crm', name: 'stage', labels: ['new', 'lead', 'won', 'lost'] }
    expect(renderMissingEnumValues(stage, ['lead', 'lost'])).toEqual([
      `ALTER TYPE "crm"."stage" ADD VALUE IF NOT EXISTS 'new' BEFORE 'lead'`,
      `ALTER TYPE "crm"."stage" ADD VALUE IF NOT EXISTS 'won' AFTER 'lead'`,
    ])
    expect(renderMissingEnumValues(stage, stage.labels)).toEqual([])
  })

  it('quotes identifiers, picks a dollar tag absent from the body, and makes index creation idempotent', () => {
    expect(qualified('a"b', 'c')).toBe('"a""b"."c"')
    expect(doBlock("SELECT '$mb$';")).toBe("DO $mb0$ BEGIN SELECT '$mb$'; END $mb0$")
    expect(renderCreateIndex('CREATE UNIQUE INDEX x ON s.t USING btree (a)')).toBe('CREATE UNIQUE INDEX IF NOT EXISTS x ON s.t USING btree (a)')
    expect(renderCreateIndex('CREATE INDEX x ON s.t USING btree (lower(a)) WHERE (b > 0)')).toBe(
      'CREATE INDEX IF NOT EXISTS x ON s.t USING btree (lower(a)) WHERE (b > 0)'
    )
  })
})

describe('MongoDB → Postgres column inference', () => {
  it('maps Int64, Decimal128, Date and ObjectId exactly and everything else (or a mix) to jsonb', () => {
    const columns = inferDocumentColumns([
      { _id: new ObjectId(), n: new Long(1), d: Decimal128.fromString('1.5'), at: new Date(0), i: new Int32(1), f: new Double(1.5), s: 'x' },
      { _id: new ObjectId(), n: new Long(2), d: null, at: new Date(1), i: new Long(5), o: { a: 1 } },
    ])
    expect(columns.map((column) => [column.name, column.type, column.nullable])).toEqual([
      ['_id', 'text', false],
      ['n', 'bigint', false],
      ['d', 'numeric', true],
      ['at', 'timestamptz', false],
      ['i', 'jsonb', false],
      ['f', 'jsonb', true],
      ['s', 'jsonb', true],
      ['o', 'jsonb', true],
    ])
    expect(columns.find((column) => column.name === 'i')!.bsonTypes).toEqual(['Int32', 'Int64'])
    expect(postgresTypeForBson(['Null', 'Int64'])).toBe('bigint')
  })
})
