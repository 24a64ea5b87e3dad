import { describe, expect, it } from 'vitest'

import { readEnv } from '../../lib/env'

describe('job and shutdown settings', () => {
  it('defaults to a 10 s heartbeat, a 60 s takeover and a 25 s shutdown grace', () => {
    expect(readEnv({ NODE_ENV: 'test' })).toMatchObject({
      JOB_HEARTBEAT_INTERVAL_MS: 10_000,
      JOB_STALE_AFTER_MS: 60_000,
      JOB_SWEEP_INTERVAL_MS: 15_000,
      JOB_MAX_ATTEMPTS: 10,
      SHUTDOWN_GRACE_MS: 25_000,
    })
  })

  it('refuses a heartbeat so slow that one missed beat would hand the job to another instance', () => {
    expect(() => readEnv({ NODE_ENV: 'test', JOB_HEARTBEAT_INTERVAL_MS: '2000', JOB_STALE_AFTER_MS: '3000' })).toThrow(
      'JOB_HEARTBEAT_INTERVAL_MS: must be at most half of JOB_STALE_AFTER_MS'
    )
    expect(readEnv({ NODE_ENV: 'test', JOB_HEARTBEAT_INTERVAL_MS: '500', JOB_STALE_AFTER_MS: '3000' }).JOB_STALE_AFTER_MS).toBe(3000)
  })
})
