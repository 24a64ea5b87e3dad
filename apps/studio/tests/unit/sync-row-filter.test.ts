import { Decimal128, Double, Int32, Long, ObjectId } from 'bson'
import { describe, expect, it } from 'vitest'

import { normalizeRowFilter } from 'lib/api/sync/row-filter'
import { columnValue, idText, inferColumnType } from 'lib/api/sync/engines/mongodb-to-postgres-values'
import { SyncProgressTracker } from 'lib/api/sync/progress'

describe('sync row filter', () => {
  it('re-prints one expression from its syntax tree', () => {
    expect(normalizeRowFilter("id > 10 AND lower(name) = 'x' -- trailing comment")).toBe("((id > (10)) AND ((lower (name) ) = ('x')))")
  })

  it.each([
    ['two statements', 'id > 1; DROP TABLE t'],
    ['a subquery', 'id IN (SELECT id FROM secrets)'],
    ['an EXISTS subquery', 'EXISTS (SELECT 1)'],
    ['a side-effect function', "set_config('role', 'x', false) IS NOT NULL"],
    ['a sleeping function', 'pg_sleep(10) IS NULL'],
    ['a schema-qualified function', 'pg_catalog.lower(name) IS NULL'],
    ['unbalanced text', "1) OR (1"],
  ])('refuses %s', (_label, filter) => {
    expect(() => normalizeRowFilter(filter)).toThrow(/rowFilter/)
  })
})

describe('sync progress', () => {
  it('keeps counters across runs, counts a restarted unit as a retry, and finishes with ETA 0', () => {
    const first = new SyncProgressTracker()
    first.begin('public.t', 100)
    first.add('public.t', 40, 1000)
    const second = new SyncProgressTracker(first.snapshot())
    second.begin('public.t', 100)
    const unit = second.add('public.t', 60, 500)
    expect(unit).toMatchObject({ done: 100, bytes: 1500, retries: 1 })
    expect(second.finish('public.t')).toMatchObject({ finished: true, etaSeconds: 0 })
    expect(second.snapshot()).toMatchObject({ done: 100, total: 100, bytes: 1500 })
  })
})

describe('MongoDB → Postgres value mapping', () => {
  it('maps each BSON type to its column and its exact text', () => {
    expect(inferColumnType([Long.fromString('9007199254740993'), null])).toBe('bigint')
    expect(inferColumnType([Decimal128.fromString('0.000000000000000000001')])).toBe('numeric')
    expect(inferColumnType([new Date(0)])).toBe('timestamptz')
    expect(inferColumnType([new ObjectId()])).toBe('text')
    expect(inferColumnType([new Int32(1), 'x'])).toBe('jsonb')
    expect(columnValue(Long.fromString('9007199254740993'), 'bigint')).toBe('9007199254740993')
    expect(columnValue(Decimal128.fromString('1234567890.123456789012345678901234'), 'numeric')).toBe('1234567890.123456789012345678901234')
    expect(columnValue(new Double(Number.NaN), 'double precision')).toBe('NaN')
    expect(columnValue(new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 5)), 'timestamptz')).toBe('2024-01-01T00:00:00.005Z')
    expect(columnValue({ n: new Int32(1) }, 'jsonb')).toEqual({ n: { $numberInt: '1' } })
    const id = new ObjectId()
    expect(idText(id)).toBe(id.toHexString())
    expect(idText(new Int32(7))).toBe('{"$numberInt":"7"}')
  })
})
