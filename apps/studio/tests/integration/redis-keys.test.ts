import type Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf } from '../helpers/api'
import type { TestProject, TestUser } from '../helpers/fixtures'
import { keyPath, projectOnRedisDatabase, redisDatabase } from '../helpers/redis-keys'

// This file owns Redis database 1 of the test server.
const DB = 1

let project: TestProject
let owner: TestUser
let redis: Redis

beforeAll(async () => {
  redis = redisDatabase(DB)
  await redis.flushdb()
  project = await projectOnRedisDatabase(DB)
  owner = project.owner
})

afterAll(async () => {
  await redis.flushdb()
  redis.disconnect()
})

const keysPath = (query = '') => `/api/platform/redis/${project.ref}/keys${query}`
const read = (name: string | Buffer, query: Record<string, string | number> = {}) => owner.request('GET', keyPath(project.ref, name, '', query))
const create = (name: string | Buffer, body: unknown) => owner.request('POST', keyPath(project.ref, name), body)
const edit = (name: string | Buffer, body: unknown) => owner.request('PUT', keyPath(project.ref, name), body)
const expire = (name: string | Buffer, body: unknown) => owner.request('POST', keyPath(project.ref, name, '/expire'), body)
const remove = (name: string | Buffer) => owner.request('DELETE', keyPath(project.ref, name))

describe('Redis keys: every type created, read, edited, expired and deleted', () => {
  it('string: create with TTL, read, set keeps the TTL, persist, expire, delete', async () => {
    const created = await create('greeting', { type: 'string', value: 'hello', ttl: 120 })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'greeting', encoding: 'utf8', type: 'string', length: 5 })
    expect(created.body.ttl).toBeGreaterThan(110)
    expect(await redis.get('greeting')).toBe('hello')

    const detail = await read('greeting')
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({
      name: 'greeting',
      type: 'string',
      length: 5,
      objectEncoding: 'embstr',
      valueEncoding: 'utf8',
      value: { type: 'string', value: 'hello', truncated: false },
    })
    expect(detail.body.memoryUsage).toBeGreaterThan(0)
    expect(detail.body.ttl).toBeGreaterThan(110)

    const edited = await edit('greeting', { action: 'set', value: 'hello, world' })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ length: 12, result: 'OK' })
    expect(edited.body.ttl).toBeGreaterThan(110)
    expect(await redis.get('greeting')).toBe('hello, world')

    const persisted = await expire('greeting', { persist: true })
    expect(persisted.status).toBe(200)
    expect(persisted.body).toEqual({ name: 'greeting', encoding: 'utf8', ttl: null })
    expect(await redis.ttl('greeting')).toBe(-1)

    const expiring = await expire('greeting', { seconds: 1 })
    expect(expiring.body.ttl).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(await redis.exists('greeting')).toBe(0)
    expect(errorOf(await read('greeting')).code).toBe('KEY_NOT_FOUND')

    await create('greeting', { type: 'string', value: 'again' })
    const deleted = await remove('greeting')
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual({ name: 'greeting', encoding: 'utf8', deleted: true })
    expect(await redis.exists('greeting')).toBe(0)
  })

  it('hash: create, read, field set and delete', async () => {
    expect((await create('user:1', { type: 'hash', value: [['name', 'Ada'], ['lang', 'en']] })).status).toBe(201)
    const detail = await read('user:1')
    expect(detail.body).toMatchObject({ type: 'hash', length: 2, objectEncoding: 'listpack' })
    expect(detail.body.value.cursor).toBe('0')
    expect(detail.body.value.fields).toEqual([['name', 'Ada'], ['lang', 'en']])

    const set = await edit('user:1', { action: 'hset', fields: [['lang', 'fr'], ['city', 'Paris']] })
    expect(set.body).toMatchObject({ type: 'hash', length: 3, result: 1 })
    const removed = await edit('user:1', { action: 'hdel', fields: ['name', 'missing'] })
    expect(removed.body).toMatchObject({ length: 2, result: 1 })
    expect(await redis.hgetall('user:1')).toEqual({ lang: 'fr', city: 'Paris' })

    expect((await expire('user:1', { seconds: 300 })).body.ttl).toBe(300)
    expect((await remove('user:1')).status).toBe(200)
    expect(await redis.exists('user:1')).toBe(0)
  })

  it('list: create, push left and right, set at index, remove', async () => {
    expect((await create('jobs', { type: 'list', value: ['a', 'b', 'c'], ttl: 600 })).body).toMatchObject({ type: 'list', length: 3 })
    expect((await edit('jobs', { action: 'push', values: ['z'], side: 'left' })).body).toMatchObject({ length: 4, result: 4 })
    expect((await edit('jobs', { action: 'push', values: ['d', 'b'] })).body).toMatchObject({ length: 6 })
    expect((await edit('jobs', { action: 'lset', index: 1, value: 'A' })).body).toMatchObject({ result: 'OK' })
    expect((await edit('jobs', { action: 'lrem', value: 'b', count: 0 })).body).toMatchObject({ length: 4, result: 2 })
    const detail = await read('jobs')
    expect(detail.body.value).toEqual({ type: 'list', items: ['z', 'A', 'c', 'd'], offset: 0, nextOffset: null })
    expect(detail.body.ttl).toBeGreaterThan(590)

    const page = await read('jobs', { offset: 1, count: 2 })
    expect(page.body.value).toEqual({ type: 'list', items: ['A', 'c'], offset: 1, nextOffset: 3 })

    const outOfRange = await edit('jobs', { action: 'lset', index: 10, value: 'x' })
    expect(outOfRange.status).toBe(400)
    expect(errorOf(outOfRange).code).toBe('INDEX_OUT_OF_RANGE')
    expect(await redis.lrange('jobs', 0, -1)).toEqual(['z', 'A', 'c', 'd'])

    expect((await expire('jobs', { persist: true })).body.ttl).toBeNull()
    expect((await remove('jobs')).status).toBe(200)
  })

  it('set: create, add, remove', async () => {
    expect((await create('tags', { type: 'set', value: ['red', 'green'] })).body).toMatchObject({ type: 'set', length: 2 })
    expect((await edit('tags', { action: 'sadd', members: ['blue', 'red'] })).body).toMatchObject({ length: 3, result: 1 })
    expect((await edit('tags', { action: 'srem', members: ['green'] })).body).toMatchObject({ length: 2, result: 1 })
    const detail = await read('tags')
    expect(detail.body.value.members.sort()).toEqual(['blue', 'red'])
    expect(detail.body.value.cursor).toBe('0')
    expect((await expire('tags', { seconds: 50 })).body.ttl).toBe(50)
    expect((await remove('tags')).status).toBe(200)
  })

  it('zset: create, add, increment a score, remove', async () => {
    const created = await create('board', { type: 'zset', value: [{ member: 'ada', score: 3 }, { member: 'bob', score: 1.5 }, { member: 'max', score: '+inf' }] })
    expect(created.body).toMatchObject({ type: 'zset', length: 3 })
    expect((await edit('board', { action: 'zadd', members: [{ member: 'cy', score: 2 }] })).body).toMatchObject({ length: 4, result: 1 })
    expect((await edit('board', { action: 'zincrby', member: 'bob', increment: 10 })).body).toMatchObject({ result: '11.5' })
    expect((await edit('board', { action: 'zrem', members: ['cy'] })).body).toMatchObject({ length: 3, result: 1 })
    const detail = await read('board')
    expect(detail.body.value).toEqual({
      type: 'zset',
      members: [
        { member: 'ada', score: '3' },
        { member: 'bob', score: '11.5' },
        { member: 'max', score: 'inf' },
      ],
      offset: 0,
      nextOffset: null,
    })
    expect((await expire('board', { seconds: 30 })).body.ttl).toBe(30)
    expect((await remove('board')).status).toBe(200)
  })

  it('stream: create, add and delete entries, consumer groups with pending counts', async () => {
    const created = await create('events', {
      type: 'stream',
      value: [
        { id: '1-1', fields: [['kind', 'signup'], ['user', 'ada']] },
        { id: '1-2', fields: [['kind', 'login']] },
      ],
    })
    expect(created.body).toMatchObject({ type: 'stream', length: 2 })
    const added = await edit('events', { action: 'xadd', entries: [{ id: '5-0', fields: [['kind', 'logout']] }, { fields: [['kind', 'auto']] }] })
    expect(added.body.length).toBe(4)
    expect(added.body.result[0]).toBe('5-0')
    expect(added.body.result[1]).toMatch(/^\d+-\d+$/)

    await redis.xgroup('CREATE', 'events', 'mailer', '0')
    await redis.xreadgroup('GROUP', 'mailer', 'worker-1', 'COUNT', 3, 'STREAMS', 'events', '>')

    const detail = await read('events', { count: 2 })
    expect(detail.body.value.entries).toEqual([
      { id: '1-1', fields: [['kind', 'signup'], ['user', 'ada']] },
      { id: '1-2', fields: [['kind', 'login']] },
    ])
    expect(detail.body.value.nextCursor).toBe('1-2')
    expect(detail.body.value.groups).toEqual([{ name: 'mailer', consumers: 1, pending: 3, lastDeliveredId: '5-0', lag: 1 }])
    const next = await read('events', { count: 2, cursor: '1-2' })
    expect(next.body.value.entries.map((entry: any) => entry.id)[0]).toBe('5-0')
    expect(next.body.value.nextCursor).toBeNull()

    expect((await edit('events', { action: 'xdel', ids: ['1-2'] })).body).toMatchObject({ length: 3, result: 1 })
    expect((await expire('events', { seconds: 90 })).body.ttl).toBe(90)
    expect((await remove('events')).status).toBe(200)
  })

  it('json: refused with MODULE_NOT_AVAILABLE on a server without RedisJSON, nothing written', async () => {
    const response = await create('doc', { type: 'json', value: { a: 1 } })
    expect(response.status).toBe(400)
    expect(errorOf(response).code).toBe('MODULE_NOT_AVAILABLE')
    expect(await redis.exists('doc')).toBe(0)
  })

  it('create answers 409 KEY_EXISTS unless overwrite, which replaces value, type and TTL atomically', async () => {
    await redis.set('taken', 'old')
    const clash = await create('taken', { type: 'list', value: ['x'] })
    expect(clash.status).toBe(409)
    expect(errorOf(clash).code).toBe('KEY_EXISTS')
    expect(await redis.get('taken')).toBe('old')

    const replaced = await create('taken', { type: 'hash', value: [['f', 'v']], ttl: 60, overwrite: true })
    expect(replaced.status).toBe(201)
    expect(await redis.type('taken')).toBe('hash')
    expect(await redis.hgetall('taken')).toEqual({ f: 'v' })
    expect(await redis.ttl('taken')).toBeGreaterThan(50)
  })

  it('rename: RENAMENX, 409 when the new name is taken, 404 when the key is missing', async () => {
    await redis.set('old-name', '1', 'EX', 100)
    await redis.set('occupied', '2')
    const renamed = await edit('old-name', { action: 'rename', newName: 'new-name' })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ name: 'new-name', type: 'string' })
    expect(renamed.body.ttl).toBeGreaterThan(90)
    expect(await redis.get('new-name')).toBe('1')

    const clash = await edit('new-name', { action: 'rename', newName: 'occupied' })
    expect(clash.status).toBe(409)
    expect(errorOf(clash).code).toBe('KEY_EXISTS')
    expect(await redis.get('occupied')).toBe('2')
    expect(await redis.get('new-name')).toBe('1')

    expect(errorOf(await edit('nope', { action: 'rename', newName: 'x' })).code).toBe('KEY_NOT_FOUND')
  })
})

describe('Redis keys: names and values that are not plain text', () => {
  const binaryName = Buffer.from([0xff, 0xfe, 0x00, 0x61, 0x3a, 0x80])
  const binaryValue = Buffer.from([0x00, 0x01, 0xc3, 0x28, 0xff])

  it('binary key names and values round-trip through base64 with explicit encoding flags', async () => {
    const created = await owner.request('POST', keyPath(project.ref, binaryName), {
      type: 'hash',
      valueEncoding: 'base64',
      value: [[Buffer.from('field').toString('base64'), binaryValue.toString('base64')]],
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: binaryName.toString('base64'), encoding: 'base64', type: 'hash' })
    expect((await redis.hgetBuffer(binaryName, 'field'))?.equals(binaryValue)).toBe(true)

    const listed = await owner.request('GET', keysPath('?pattern=*a:*'))
    const entry = listed.body.keys.find((key: any) => key.encoding === 'base64')
    expect(entry).toEqual({ name: binaryName.toString('base64'), encoding: 'base64', type: 'hash', ttl: null })
    // The listed name addresses the key again (standard base64 in the path, URL-encoded).
    const detail = await owner.request('GET', `${keysPath()}/${encodeURIComponent(entry.name)}?encoding=base64`)
    expect(detail.status).toBe(200)
    expect(detail.body.valueEncoding).toBe('base64')
    expect(detail.body.value.fields).toEqual([[Buffer.from('field').toString('base64'), binaryValue.toString('base64')]])

    const renamedTo = Buffer.from([0xc0, 0xff, 0xee])
    const renamed = await edit(binaryName, { action: 'rename', newName: renamedTo.toString('base64'), valueEncoding: 'base64' })
    expect(renamed.body).toMatchObject({ name: renamedTo.toString('base64'), encoding: 'base64' })
    expect(await redis.exists(renamedTo)).toBe(1)
    expect((await remove(renamedTo)).status).toBe(200)
    expect(await redis.exists(renamedTo)).toBe(0)
  })

  it('names a URL path cannot carry as text (".", "..", a sibling route name) are addressed as base64', async () => {
    for (const name of ['.', '..', 'bulk-delete']) {
      const bytes = Buffer.from(name)
      expect((await create(bytes, { type: 'string', value: `value of ${name}` })).status).toBe(201)
      expect(await redis.get(name)).toBe(`value of ${name}`)
      const detail = await read(bytes)
      // A name that is valid UTF-8 is reported as text, whichever way the request addressed it.
      expect(detail.body).toMatchObject({ name, encoding: 'utf8', value: { value: `value of ${name}` } })
      expect((await remove(bytes)).status).toBe(200)
    }
  })

  it('UTF-8 names with slashes, spaces, percent signs and non-Latin letters', async () => {
    const name = 'cache:/v1/users?id=7 50% 日本 ü#frag'
    expect((await create(name, { type: 'string', value: 'ok' })).status).toBe(201)
    expect(await redis.get(name)).toBe('ok')
    const detail = await read(name)
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({ name, encoding: 'utf8', value: { value: 'ok' } })
    const listed = await owner.request('GET', keysPath(`?pattern=${encodeURIComponent('cache:*')}`))
    expect(listed.body.keys).toEqual([{ name, encoding: 'utf8', type: 'string', ttl: null }])
    expect((await remove(name)).status).toBe(200)
  })
})

describe('Redis keys: bad input gets the error body and writes nothing', () => {
  beforeAll(async () => {
    await redis.set('plain', 'text')
    await redis.rpush('queue', 'a', 'b')
  })

  const expectError = async (response: Promise<any>, status: number, code: string) => {
    const resolved = await response
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(status)
    const error = errorOf(resolved)
    expect(error.code).toBe(code)
    return error
  }

  it('unknown type, wrong value shape, negative or zero TTL are 400 and create nothing', async () => {
    await expectError(create('bad', { type: 'bitmap', value: 'x' }), 400, 'VALIDATION_ERROR')
    await expectError(create('bad', { type: 'hash', value: { not: 'pairs' } }), 400, 'VALIDATION_ERROR')
    await expectError(create('bad', { type: 'hash', value: [] }), 400, 'VALIDATION_ERROR')
    await expectError(create('bad', { type: 'zset', value: [{ member: 'a', score: 'high' }] }), 400, 'VALIDATION_ERROR')
    await expectError(create('bad', { type: 'list', value: 'not an array' }), 400, 'VALIDATION_ERROR')
    await expectError(create('bad', { type: 'string', value: 'x', ttl: -5 }), 400, 'VALIDATION_ERROR')
    await expectError(create('bad', { type: 'string', value: 'x', ttl: 0 }), 400, 'VALIDATION_ERROR')
    await expectError(create('bad', { type: 'string', value: '%%%', valueEncoding: 'base64' }), 400, 'INVALID_ENCODING')
    await expectError(expire('plain', { seconds: -1 }), 400, 'VALIDATION_ERROR')
    await expectError(edit('queue', { action: 'explode' }), 400, 'VALIDATION_ERROR')
    expect(await redis.exists('bad')).toBe(0)
    expect(await redis.ttl('plain')).toBe(-1)
  })

  it('stream ids that would fail inside the transaction are refused before anything is written', async () => {
    await expectError(
      create('bad', { type: 'stream', value: [{ id: '5-0', fields: [['a', '1']] }, { id: '4-0', fields: [['a', '2']] }] }),
      400,
      'INVALID_STREAM_ID'
    )
    expect(await redis.exists('bad')).toBe(0)
    await redis.set('kept', 'original')
    await expectError(
      create('kept', { type: 'stream', overwrite: true, value: [{ fields: [['a', '1']] }, { id: '1-0', fields: [['a', '2']] }] }),
      400,
      'INVALID_STREAM_ID'
    )
    expect(await redis.get('kept')).toBe('original')
    await redis.xadd('log', '10-0', 'a', '1')
    await expectError(edit('log', { action: 'xadd', entries: [{ id: '11-0', fields: [['a', '2']] }, { id: '9-0', fields: [['a', '3']] }] }), 400, 'INVALID_STREAM_ID')
    expect(await redis.xlen('log')).toBe(1)
  })

  it('count over the cap is 400', async () => {
    await expectError(owner.request('GET', keysPath('?count=5000')), 400, 'VALIDATION_ERROR')
    await expectError(read('queue', { count: 5000 }), 400, 'VALIDATION_ERROR')
    await expectError(owner.request('GET', keysPath('?cursor=abc')), 400, 'VALIDATION_ERROR')
    await expectError(owner.request('GET', keysPath('?type=bitmap')), 400, 'VALIDATION_ERROR')
  })

  it('a key that does not exist is 404 for read, edit, expire and delete, and is not created', async () => {
    await expectError(read('ghost'), 404, 'KEY_NOT_FOUND')
    await expectError(edit('ghost', { action: 'hset', fields: [['a', '1']] }), 404, 'KEY_NOT_FOUND')
    await expectError(edit('ghost', { action: 'set', value: 'x' }), 404, 'KEY_NOT_FOUND')
    await expectError(expire('ghost', { seconds: 10 }), 404, 'KEY_NOT_FOUND')
    await expectError(expire('ghost', { persist: true }), 404, 'KEY_NOT_FOUND')
    await expectError(remove('ghost'), 404, 'KEY_NOT_FOUND')
    expect(await redis.exists('ghost')).toBe(0)
  })

  it('an operation on the wrong type is 400 WRONG_TYPE and changes nothing', async () => {
    const error = await expectError(edit('plain', { action: 'push', values: ['x'] }), 400, 'WRONG_TYPE')
    expect(error.details).toEqual({ keyType: 'string' })
    await expectError(edit('queue', { action: 'set', value: 'overwritten?' }), 400, 'WRONG_TYPE')
    await expectError(edit('queue', { action: 'hset', fields: [['a', '1']] }), 400, 'WRONG_TYPE')
    await expectError(read('queue', { download: 1 }), 400, 'WRONG_TYPE')
    expect(await redis.get('plain')).toBe('text')
    expect(await redis.lrange('queue', 0, -1)).toEqual(['a', 'b'])
  })

  it('malformed JSON and a stream cursor that is not an id are 400', async () => {
    const malformed = await owner.request('POST', keyPath(project.ref, 'bad'), undefined)
    expect(malformed.status).toBe(400)
    await expectError(read('log', { cursor: 'abc' }), 400, 'VALIDATION_ERROR')
  })
})

describe('Redis keys: a read_only member reads but cannot change anything', () => {
  let viewer: TestUser

  beforeAll(async () => {
    viewer = await project.member('read_only')
    await redis.set('guarded', 'value')
  })

  it('reads keys, values, info and stats', async () => {
    expect((await viewer.request('GET', keysPath())).status).toBe(200)
    expect((await viewer.request('GET', keyPath(project.ref, 'guarded'))).body.value.value).toBe('value')
    expect((await viewer.request('GET', `/api/platform/redis/${project.ref}/info`)).status).toBe(200)
    expect((await viewer.request('GET', `/api/platform/redis/${project.ref}/stats`)).status).toBe(200)
  })

  it('is refused create, edit, rename, expire and delete with 403, and the key is untouched', async () => {
    const attempts = [
      viewer.request('POST', keyPath(project.ref, 'new-one'), { type: 'string', value: 'x' }),
      viewer.request('PUT', keyPath(project.ref, 'guarded'), { action: 'set', value: 'changed' }),
      viewer.request('PUT', keyPath(project.ref, 'guarded'), { action: 'rename', newName: 'moved' }),
      viewer.request('POST', keyPath(project.ref, 'guarded', '/expire'), { seconds: 5 }),
      viewer.request('DELETE', keyPath(project.ref, 'guarded')),
    ]
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403)
      expect(errorOf(response).code).toBe('FORBIDDEN')
    }
    expect(await redis.get('guarded')).toBe('value')
    expect(await redis.ttl('guarded')).toBe(-1)
    expect(await redis.exists('new-one', 'moved')).toBe(0)
  })
})

describe('Redis server info and stats', () => {
  it('INFO parsed into sections', async () => {
    const response = await owner.request('GET', `/api/platform/redis/${project.ref}/info`)
    expect(response.status).toBe(200)
    expect(response.body.sections.server.redis_version).toMatch(/^\d+\.\d+/)
    expect(Number(response.body.sections.memory.used_memory)).toBeGreaterThan(0)
    expect(response.body.sections.keyspace[`db${DB}`]).toMatch(/^keys=\d+/)
  })

  it('one stats sample per call with counters the UI can chart', async () => {
    const first = await owner.request('GET', `/api/platform/redis/${project.ref}/stats`)
    const second = await owner.request('GET', `/api/platform/redis/${project.ref}/stats`)
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(second.status, JSON.stringify(second.body)).toBe(200)
    expect(new Date(first.body.sampledAt).toISOString()).toBe(first.body.sampledAt)
    expect(second.body.totalCommandsProcessed).toBeGreaterThan(first.body.totalCommandsProcessed)
    expect(first.body.usedMemory).toBeGreaterThan(0)
    expect(first.body.connectedClients).toBeGreaterThan(0)
    expect(first.body.hitRatio === null || (first.body.hitRatio >= 0 && first.body.hitRatio <= 1)).toBe(true)
    const db = first.body.keyspace.find((entry: any) => entry.db === DB)
    expect(db.keys).toBe(await redis.dbsize())
  })
})
