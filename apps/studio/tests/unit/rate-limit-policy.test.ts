import { RateLimiterRes } from 'rate-limiter-flexible'
import { describe, expect, it } from 'vitest'

import { readEnv } from '../../lib/env'
import { grantSize, keepLocalPoints, takeLocalPoint } from '../../lib/api/rate-limit/local-grants'
import { rateLimitHeaders, rateLimitPolicies, tierOf } from '../../lib/api/rate-limit/policy'

const envOf = (values: Record<string, string>) => readEnv({ NODE_ENV: 'test', ...values })

describe('rate-limit tiers', () => {
  it('follow the permission unless the route declares one', () => {
    expect(tierOf('read')).toBe('read')
    expect(tierOf('none')).toBe('read')
    expect(tierOf('write')).toBe('write')
    expect(tierOf('admin')).toBe('write')
    expect(tierOf('read', 'expensive')).toBe('expensive')
    expect(tierOf('admin', 'expensive')).toBe('expensive')
  })

  it('read their counts and window from the environment, and all turn off with RATE_LIMIT_ENABLED=false', () => {
    const env = envOf({ RATE_LIMIT_READ_PER_MIN: '7', RATE_LIMIT_EXPENSIVE_PER_MIN: '0', RATE_LIMIT_WINDOW_SECONDS: '2' })
    const policies = rateLimitPolicies(env)
    expect(policies.read).toEqual({ points: 7, windowSeconds: 2 })
    expect(policies.expensive.points).toBe(0)
    expect(policies.write.points).toBe(120)
    const off = rateLimitPolicies(envOf({ RATE_LIMIT_ENABLED: 'false' }))
    expect(Object.values(off).every((policy) => policy.points === 0)).toBe(true)
  })

  it('refuses a negative count or a zero window', () => {
    expect(() => envOf({ RATE_LIMIT_READ_PER_MIN: '-1' })).toThrow(/RATE_LIMIT_READ_PER_MIN/)
    expect(() => envOf({ RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/RATE_LIMIT_WINDOW_SECONDS/)
  })
})

describe('rate-limit headers', () => {
  it('name the limit, what is left and when it resets, in whole seconds rounded up', () => {
    expect(rateLimitHeaders({ limit: 10, remaining: 3, msBeforeReset: 1200, windowSeconds: 60 }, false)).toEqual({
      'RateLimit-Limit': '10',
      'RateLimit-Remaining': '3',
      'RateLimit-Reset': '2',
      'RateLimit-Policy': '10;w=60',
    })
  })

  it('add Retry-After on a refusal, never below one second', () => {
    const headers = rateLimitHeaders({ limit: 5, remaining: -2, msBeforeReset: 0, windowSeconds: 2 }, true)
    expect(headers['Retry-After']).toBe('1')
    expect(headers['RateLimit-Remaining']).toBe('0')
  })
})

describe('locally held points', () => {
  it('are batches of at most 1 % of the limit (25 at most), none under 200', () => {
    expect(grantSize(30)).toBe(1)
    expect(grantSize(199)).toBe(1)
    expect(grantSize(600)).toBe(6)
    expect(grantSize(1_000_000)).toBe(25)
  })

  it('are spent one by one within the window the store named, then the store is asked again', () => {
    const key = `user:${Math.random()}`
    expect(takeLocalPoint('read', key)).toBeUndefined()
    keepLocalPoints('read', key, 2, new RateLimiterRes(90, 60_000, 10, false))
    expect(takeLocalPoint('read', key)).toMatchObject({ remaining: 91 })
    expect(takeLocalPoint('read', key)).toMatchObject({ remaining: 90 })
    expect(takeLocalPoint('read', key)).toBeUndefined()
    keepLocalPoints('write', key, 5, new RateLimiterRes(10, 0, 10, false))
    expect(takeLocalPoint('write', key)).toBeUndefined()
  })
})
