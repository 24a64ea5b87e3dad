import { describe, expect, it } from 'vitest'

import { normalizeRowFilter } from 'lib/api/sync/row-filter'
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
