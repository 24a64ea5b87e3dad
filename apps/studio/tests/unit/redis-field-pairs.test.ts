import { redisCreateKeyBodySchema, redisEditKeyBodySchema } from '@multibase/api-contracts'
import { describe, expect, it } from 'vitest'

import { buildCreateBody } from '../../components/interfaces/Redis/Browser/new-key-value'

/** Names a JS object would drop (`__proto__`), shadow (`constructor`) or move to the front (`10`, `2`). */
const awkward: Array<[string, string]> = [
  ['z', '1'],
  ['__proto__', '2'],
  ['constructor', '3'],
  ['10', '4'],
  ['2', '5'],
  ['z', '6'],
]

describe('hash and stream fields as [field, value] pairs', () => {
  it('the contracts keep every pair, in order, duplicates included', () => {
    const hash = redisCreateKeyBodySchema.parse(JSON.parse(JSON.stringify({ type: 'hash', value: awkward })))
    expect(hash.value).toEqual(awkward)
    const xadd = redisEditKeyBodySchema.parse({ action: 'xadd', entries: [{ fields: awkward }] })
    expect(xadd).toMatchObject({ entries: [{ id: '*', fields: awkward }] })
    const hset = redisEditKeyBodySchema.parse({ action: 'hset', fields: awkward })
    expect(hset).toMatchObject({ fields: awkward })
  })

  it('the contracts refuse the object shape and malformed pairs', () => {
    for (const value of [{ a: '1' }, [], [['a']], [['a', 'b', 'c']], [['a', 1]]]) {
      expect(redisCreateKeyBodySchema.safeParse({ type: 'hash', value }).success).toBe(false)
    }
  })

  it('the Add key dialog sends its rows as pairs, skipping empty rows', () => {
    const rows = [...awkward.map(([field, value]) => [field, value]), ['', '']]
    expect(buildCreateBody('hash', '', rows, undefined)).toEqual({ type: 'hash', value: awkward })
    expect(buildCreateBody('stream', '', rows, 60)).toEqual({ type: 'stream', value: [{ id: '*', fields: awkward }], ttl: 60 })
  })
})
