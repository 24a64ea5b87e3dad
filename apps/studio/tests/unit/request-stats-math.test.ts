import { describe, expect, it } from 'vitest'

import { csvField } from '../../lib/api/admin/export-format'
import { BUCKET_COUNT, bucketIndexOf, percentileFromBuckets, routeGroupOf } from '../../lib/api/request-stats-math'

const histogram = (entries: Record<number, number>) => {
  const buckets = new Array(BUCKET_COUNT).fill(0)
  for (const [index, count] of Object.entries(entries)) buckets[Number(index)] = count
  return buckets
}

describe('latency buckets', () => {
  it('puts a latency in the first bucket whose bound holds it, and beyond the last bound in the open bucket', () => {
    expect(bucketIndexOf(0)).toBe(0)
    expect(bucketIndexOf(5)).toBe(0)
    expect(bucketIndexOf(5.01)).toBe(1)
    expect(bucketIndexOf(250)).toBe(5)
    expect(bucketIndexOf(60_000)).toBe(BUCKET_COUNT - 1)
  })

  it('reads p50 and p95 as the bound of the bucket holding that rank', () => {
    // 90 requests ≤ 10 ms, 8 ≤ 100 ms, 2 ≤ 1 s.
    const buckets = histogram({ 1: 90, 4: 8, 7: 2 })
    expect(percentileFromBuckets(buckets, 0.5)).toBe(10)
    expect(percentileFromBuckets(buckets, 0.95)).toBe(100)
    expect(percentileFromBuckets(buckets, 0.99)).toBe(1000)
    expect(percentileFromBuckets(histogram({ 0: 1 }), 0.95)).toBe(5)
  })

  it('reports no percentile without requests, and the last bound for the open bucket', () => {
    expect(percentileFromBuckets(histogram({}), 0.5)).toBeNull()
    expect(percentileFromBuckets(histogram({ [BUCKET_COUNT - 1]: 3 }), 0.5)).toBe(10000)
  })
})

describe('routeGroupOf', () => {
  it('groups engine routes by engine and first resource', () => {
    expect(routeGroupOf('/api/platform/redis/[ref]/keys/[key]')).toEqual({ routeGroup: 'redis/keys', engine: 'redis' })
    expect(routeGroupOf('/api/platform/pg-meta/[ref]/query')).toEqual({ routeGroup: 'pg-meta/query', engine: 'postgres' })
    expect(routeGroupOf('/api/platform/mongodb/[ref]/databases/[db]/collections')).toEqual({ routeGroup: 'mongodb/databases', engine: 'mongodb' })
  })

  it('groups platform routes without engine', () => {
    expect(routeGroupOf('/api/platform/projects/[ref]/jobs/[id]')).toEqual({ routeGroup: 'projects/jobs', engine: 'platform' })
    expect(routeGroupOf('/api/platform/admin/status')).toEqual({ routeGroup: 'admin/status', engine: 'platform' })
    expect(routeGroupOf('/api/platform/projects')).toEqual({ routeGroup: 'projects', engine: 'platform' })
    expect(routeGroupOf('/api/health')).toEqual({ routeGroup: 'health', engine: 'platform' })
  })
})

describe('csvField', () => {
  it('quotes separators and quotes, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField(null)).toBe('')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField(404)).toBe('404')
  })
})
