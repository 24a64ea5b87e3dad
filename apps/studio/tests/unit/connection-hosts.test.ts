import { createConnectionSchema, updateConnectionSchema } from '@multibase/api-contracts'
import { describe, expect, it } from 'vitest'

// A driver may only ever be given one host: the one the host guard checks. Multi-host strings
// (Postgres `h1,h2`, MongoDB seed lists) and DNS-discovered hosts (`mongodb+srv`) are refused at the
// door rather than checked one by one, because none of the three clients needs them.
describe('connection inputs name exactly one host', () => {
  it.each(['postgres', 'redis', 'mongodb'] as const)('%s refuses a comma-separated host list', (type) => {
    expect(createConnectionSchema(type).safeParse({ identifier: 'x', host: '127.0.0.1,10.0.0.1' }).success).toBe(false)
    expect(updateConnectionSchema(type).safeParse({ host: 'a.example,b.example' }).success).toBe(false)
  })

  it.each([
    ['postgres', 'postgres://u@127.0.0.1:5432,10.0.0.1:5432/db'],
    ['mongodb', 'mongodb://127.0.0.1:27017,10.0.0.1:27017/?replicaSet=rs0'],
    ['mongodb', 'mongodb+srv://cluster.example/'],
    ['redis', 'redis+sentinel://127.0.0.1:26379'],
  ] as const)('%s refuses the URL %s', (type, url) => {
    expect(createConnectionSchema(type).safeParse({ identifier: 'x', url }).success).toBe(false)
  })

  it('refuses a Unix socket path as a host', () => {
    expect(createConnectionSchema('postgres').safeParse({ identifier: 'x', host: '/var/run/postgresql' }).success).toBe(false)
  })

  it('accepts a single host with discovery options (members are checked when dialled)', () => {
    const parsed = createConnectionSchema('mongodb').parse({
      identifier: 'x',
      host: '127.0.0.1',
      options: { directConnection: false, replicaSet: 'rs0' },
    })
    expect(parsed.options).toMatchObject({ directConnection: false, replicaSet: 'rs0' })
  })
})
