import { createHash } from 'node:crypto'

import { createConnectionSchema, updateConnectionSchema } from '@multibase/api-contracts'
import { describe, expect, it } from 'vitest'

import { QueryError } from '../../lib/api/database/errors'
import { PoolManager } from '../../lib/api/database/pool-manager'
import { summariseHoldings } from '../../lib/api/database/postgres/read-only-login'
import { sqlAuditDetails } from '../../lib/api/database/postgres/sql-audit'

describe('read-only login contract', () => {
  const base = { identifier: 'pg', host: '127.0.0.1' }

  it('accepts a read-only login on Postgres only', () => {
    expect(createConnectionSchema('postgres').parse({ ...base, readOnlyUsername: 'ro', readOnlyPassword: 'x' })).toMatchObject({
      readOnlyUsername: 'ro',
      readOnlyPassword: 'x',
    })
    expect(createConnectionSchema('redis').safeParse({ ...base, readOnlyUsername: 'ro' }).success).toBe(false)
    expect(updateConnectionSchema('mongodb').safeParse({ readOnlyUsername: 'ro' }).success).toBe(false)
    expect(updateConnectionSchema('postgres').parse({ readOnlyUsername: null })).toEqual({ readOnlyUsername: null })
  })

  it('refuses a read-only password without a read-only username', () => {
    expect(createConnectionSchema('postgres').safeParse({ ...base, readOnlyPassword: 'x' }).success).toBe(false)
  })
})

describe('read-only login pool key', () => {
  it('gives the read-only login a pool of its own', () => {
    const identity = { projectId: 'p', type: 'postgres' as const, connectionId: 'c' }
    expect(PoolManager.keyOf(identity)).toBe('p:postgres:c')
    expect(PoolManager.keyOf({ ...identity, login: 'main' })).toBe('p:postgres:c')
    expect(PoolManager.keyOf({ ...identity, login: 'read_only' })).toBe('p:postgres:c:read_only')
  })
})

describe('summariseHoldings', () => {
  it('keeps 20 names per kind and counts the rest', () => {
    const rows = Array.from({ length: 23 }, (_, n) => ({ kind: 'table_privilege' as const, name: `public.t${n}` }))
    const summary = summariseHoldings([{ kind: 'superuser', name: 'superuser' }, ...rows])
    expect(summary).toHaveLength(22)
    expect(summary[0]).toEqual({ kind: 'superuser', name: 'superuser' })
    expect(summary[21]).toEqual({ kind: 'table_privilege', name: '… and 3 more' })
  })
})

describe('sqlAuditDetails', () => {
  it('keeps the hash and UTF-8 length of the statement, never its text', () => {
    const sql = "SELECT 'é secret'"
    const details = sqlAuditDetails({ sql, connectionId: 'c', login: 'read_only', rowCount: 1 })
    expect(details).toEqual({
      connectionId: 'c',
      login: 'read_only',
      statementSha256: createHash('sha256').update(sql).digest('hex'),
      statementLength: sql.length + 1,
      rowCount: 1,
      outcome: 'ok',
    })
    expect(JSON.stringify(details)).not.toContain('secret')
  })

  it('records the error code and Postgres code of a failure', () => {
    const error = new QueryError('permission denied', 'QUERY_ERROR', { pgCode: '42501' })
    expect(sqlAuditDetails({ sql: 'CHECKPOINT', connectionId: undefined, login: 'main', rowCount: undefined, error })).toMatchObject({
      connectionId: null,
      rowCount: null,
      outcome: 'error',
      errorCode: 'QUERY_ERROR',
      pgCode: '42501',
    })
  })
})
