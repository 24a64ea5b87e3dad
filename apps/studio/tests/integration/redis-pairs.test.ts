import { execFileSync } from 'node:child_process'

import type Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { TestProject, TestUser } from '../helpers/fixtures'
import { keyPath, projectOnRedisDatabase, redisDatabase } from '../helpers/redis-keys'
import { REDIS_URL } from '../helpers/services'

// Database 4 of the shared test server; every key of this file carries a per-run prefix and is
// deleted by name afterwards (no FLUSHDB: other files may share the database).
const DB = 4
const prefix = `pairs:${process.pid}:${Date.now()}:`

let project: TestProject
let owner: TestUser
let redis: Redis

beforeAll(async () => {
  redis = redisDatabase(DB)
  project = await projectOnRedisDatabase(DB)
  owner = project.owner
})

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`)
  if (keys.length > 0) await redis.del(...keys)
  redis.disconnect()
})

const read = (name: string) => owner.request('GET', keyPath(project.ref, prefix + name))
const create = (name: string, body: unknown) => owner.request('POST', keyPath(project.ref, prefix + name), body)
const edit = (name: string, body: unknown) => owner.request('PUT', keyPath(project.ref, prefix + name), body)

/** What redis-cli itself prints: one line per reply element (`--no-raw` off, so bytes as-is). */
function redisCli(...args: string[]): string[] {
  const url = new URL(REDIS_URL)
  const output = execFileSync('redis-cli', ['-h', url.hostname, '-p', url.port || '6379', '-n', String(DB), ...args], { encoding: 'utf8' })
  return output.replace(/\n$/, '').split('\n')
}

/** Field names a JS object would drop (`__proto__`), shadow (`constructor`) or reorder (integer-like). */
const hashPairs: Array<[string, string]> = [
  ['zeta', 'first written'],
  ['__proto__', '{"polluted":true}'],
  ['constructor', 'ctor'],
  ['10', 'ten'],
  ['2', 'two'],
  ['toString', 'ts'],
]

describe('Redis hash fields and stream entries as ordered [field, value] pairs', () => {
  it('a hash with __proto__, constructor and numeric field names: written, read, exact per redis-cli', async () => {
    const created = await create('hash', { type: 'hash', value: hashPairs })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ type: 'hash', length: hashPairs.length })

    // A small hash is a listpack: HGETALL answers in insertion order, so the order is checked too.
    const cli = redisCli('HGETALL', prefix + 'hash')
    expect(cli).toEqual(hashPairs.flat())
    const buffers = await redis.hgetallBuffer(prefix + 'hash')
    expect(Object.keys(buffers).length).toBe(hashPairs.length)

    const detail = await read('hash')
    expect(detail.status).toBe(200)
    expect(detail.body.value.fields).toEqual(hashPairs)

    const set = await edit('hash', { action: 'hset', fields: [['__proto__', 'changed'], ['1', 'one']] })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ length: hashPairs.length + 1, result: 1 })
    expect(redisCli('HGET', prefix + 'hash', '__proto__')).toEqual(['changed'])
    expect((await read('hash')).body.value.fields).toContainEqual(['1', 'one'])

    const removed = await edit('hash', { action: 'hdel', fields: ['__proto__', 'constructor'] })
    expect(removed.body).toMatchObject({ result: 2 })
    expect(redisCli('HEXISTS', prefix + 'hash', '__proto__')).toEqual(['0'])
  })

  it('stream entries keep field order and duplicate field names, on create and on XADD', async () => {
    const entries = [
      { id: '1-0', fields: [['z', '1'], ['a', '2'], ['10', '3'], ['2', '4'], ['z', 'again'], ['__proto__', 'p']] },
      { id: '2-0', fields: [['dup', 'x'], ['dup', 'y'], ['dup', 'x']] },
    ]
    const created = await create('stream', { type: 'stream', value: entries })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ type: 'stream', length: 2 })

    const added = await edit('stream', { action: 'xadd', entries: [{ id: '3-0', fields: [['b', '1'], ['1', '2'], ['b', '3']] }] })
    expect(added.status).toBe(200)
    expect(added.body.result).toEqual(['3-0'])
    const all = [...entries, { id: '3-0', fields: [['b', '1'], ['1', '2'], ['b', '3']] }]

    // redis-cli prints XRANGE as id, then the entry's field/value list, entry after entry.
    expect(redisCli('XRANGE', prefix + 'stream', '-', '+')).toEqual(all.flatMap((entry) => [entry.id, ...entry.fields.flat()]))
    const raw = await redis.xrange(prefix + 'stream', '-', '+')
    expect(raw).toEqual(all.map((entry) => [entry.id, entry.fields.flat()]))

    const detail = await read('stream')
    expect(detail.status).toBe(200)
    expect(detail.body.value.entries).toEqual(all)
  })

  it('binary field names travel as base64 pairs', async () => {
    const field = Buffer.from([0xff, 0x00, 0x2f])
    const value = Buffer.from('plain')
    const created = await create('binary', { type: 'hash', valueEncoding: 'base64', value: [[field.toString('base64'), value.toString('base64')]] })
    expect(created.status).toBe(201)
    expect((await redis.hgetBuffer(prefix + 'binary', field))?.equals(value)).toBe(true)
    const detail = await read('binary')
    expect(detail.body.valueEncoding).toBe('base64')
    expect(detail.body.value.fields).toEqual([[field.toString('base64'), value.toString('base64')]])
  })

  it('refuses the old object shape and pairs that are not [field, value]', async () => {
    for (const value of [{ a: '1' }, [['only-a-field']], [['a', 'b', 'c']], [['a', 1]], []]) {
      const response = await create('bad', { type: 'hash', value })
      expect(response.status).toBe(400)
      expect(response.body.error.code).toBe('VALIDATION_ERROR')
    }
    expect(await redis.exists(prefix + 'bad')).toBe(0)
  })
})
