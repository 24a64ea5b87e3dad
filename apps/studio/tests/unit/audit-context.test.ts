import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'

import { clientAddress, connectionIdOfRoute, engineOfRoute } from '../../lib/api/audit-context'
import { csvCell, csvLine } from '../../lib/api/platform/audit-csv'

describe('clientAddress', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress('10.0.0.1', '1.2.3.4', 0)).toBe('10.0.0.1')
  })
  it('takes the entry as many places from the right as there are trusted proxies', () => {
    // client-forged, real client, first proxy; the socket is the second proxy
    const header = '6.6.6.6, 203.0.113.9, 10.0.0.5'
    expect(clientAddress('10.0.0.1', header, 1)).toBe('10.0.0.5')
    expect(clientAddress('10.0.0.1', header, 2)).toBe('203.0.113.9')
    expect(clientAddress('10.0.0.1', ['6.6.6.6', '203.0.113.9'], 1)).toBe('203.0.113.9')
  })
  it('falls back to the leftmost entry of a chain shorter than the proxies configured', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.9', 5)).toBe('203.0.113.9')
    expect(clientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1')
  })
})

describe('route scope', () => {
  it('names the engine from the route template', () => {
    expect(engineOfRoute('/api/platform/pg-meta/[ref]/query')).toBe('postgres')
    expect(engineOfRoute('/api/platform/redis/[ref]/keys/[key]')).toBe('redis')
    expect(engineOfRoute('/api/platform/mongodb/[ref]/connections')).toBe('mongodb')
    expect(engineOfRoute('/api/platform/projects/[ref]/audit')).toBeNull()
  })
  it('takes the connection from [id] on connection routes and from ?connectionId elsewhere', () => {
    const id = '3f0c6a38-9d7e-4c55-8f1e-0d4a4a7b2b10'
    expect(connectionIdOfRoute('/api/platform/redis/[ref]/connections/[id]/test', { id })).toBe(id)
    expect(connectionIdOfRoute('/api/platform/redis/[ref]/keys/[key]', { connectionId: id, id: 'x' })).toBe(id)
    expect(connectionIdOfRoute('/api/platform/redis/[ref]/keys/[key]', { connectionId: 'not-a-uuid' })).toBeNull()
    expect(connectionIdOfRoute('/api/platform/redis/[ref]/keys/[key]', { id })).toBeNull()
  })
})

describe('audit CSV cells', () => {
  it('neutralizes formulas and quotes what needs quoting, and a CSV parser reads it back', () => {
    const cells = ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx', 'a,b', 'line\nbreak', 'plain', null, 403, { a: '"q"' }]
    expect(csvCell('=1+1')).toBe("'=1+1")
    expect(csvCell('plain')).toBe('plain')
    const [row] = parse(csvLine(cells)) as string[][]
    expect(row).toEqual([
      `'=HYPERLINK("http://x")`,
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      'a,b',
      'line\nbreak',
      'plain',
      '',
      '403',
      '{"a":"\\"q\\""}',
    ])
  })
})
