import { describe, expect, it } from 'vitest'

import { exactSchemaPattern, exactTablePattern } from '../../lib/api/backups/engines/pg-tools'
import { redisGlobToRegExp } from '../../lib/api/backups/engines/redis-glob'
import { rdbVersionForRedis, rdbVersionOf } from '../../lib/api/backups/engines/redis-rdb'
import { assertObjectKey, objectKeyFor } from '../../lib/api/backups/store/object-key'

describe('redisGlobToRegExp (SCAN MATCH semantics over backup keys)', () => {
  const matches = (glob: string, key: string) => redisGlobToRegExp(glob).test(key)
  it('handles *, ?, classes, negation, ranges and escapes', () => {
    expect(matches('user:*', 'user:1')).toBe(true)
    expect(matches('user:*', 'users')).toBe(false)
    expect(matches('h?llo', 'hallo')).toBe(true)
    expect(matches('h?llo', 'hllo')).toBe(false)
    expect(matches('h[ae]llo', 'hello')).toBe(true)
    expect(matches('h[^e]llo', 'hello')).toBe(false)
    expect(matches('h[a-c]llo', 'hbllo')).toBe(true)
    expect(matches('a\\*b', 'a*b')).toBe(true)
    expect(matches('a\\*b', 'axb')).toBe(false)
    expect(matches('a.b', 'axb')).toBe(false)
    expect(matches('*', 'line\nbreak')).toBe(true)
  })
})

describe('RDB versions', () => {
  it('reads the version from a DUMP payload footer', () => {
    const payload = Buffer.concat([Buffer.from([0, 3, 0x61, 0x62, 0x63]), Buffer.from([11, 0]), Buffer.alloc(8)])
    expect(rdbVersionOf(payload)).toBe(11)
    expect(rdbVersionOf(Buffer.alloc(3))).toBeNull()
  })
  it('maps Redis releases to the RDB version they read', () => {
    expect(rdbVersionForRedis('6.2.14')).toBe(9)
    expect(rdbVersionForRedis('7.0.15')).toBe(10)
    expect(rdbVersionForRedis('7.2.4')).toBe(11)
    expect(rdbVersionForRedis('7.4.1')).toBe(12)
  })
})

describe('backup object keys and pg patterns', () => {
  const project = '2b1f6a0e-7f55-4c9e-9a43-8d7d7d1c1a11'
  const backup = '5d2c8e0b-9a3a-4f4e-8d1c-0b7c6e2a9f00'
  it('are generated from uuids only', () => {
    expect(objectKeyFor(project, backup, 'postgres')).toBe(`${project}/${backup}.dump`)
    expect(() => objectKeyFor('../etc', backup, 'redis')).toThrow()
    expect(() => assertObjectKey(`${project}/../${backup}.dump`)).toThrow()
    expect(assertObjectKey(`${project}/${backup}.tar.gz`)).toBeTruthy()
  })
  it('quote names so pg_dump matches them literally', () => {
    expect(exactTablePattern('shop.order*s')).toBe('"shop"."order*s"')
    expect(exactTablePattern('we"ird')).toBe('"we""ird"')
    expect(exactSchemaPattern('a.b')).toBe('"a.b"')
  })
})
