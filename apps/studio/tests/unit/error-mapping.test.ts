import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'

import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'

import { sendError, toDatabaseError } from '../../lib/api/apiWrapper'
import { NotFoundError } from '../../lib/api/database/errors'
import { logger } from '../../lib/logger'
import { shouldWriteSecurityEvent } from '../../lib/api/platform/audit'
import { isSecurityEvent } from '../../lib/api/security-events'

describe('toDatabaseError', () => {
  it('maps a programmer error to a 500 that says nothing of it', () => {
    let thrown: unknown
    try {
      ;(undefined as unknown as { x: () => void }).x()
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TypeError)
    const mapped = toDatabaseError(thrown)
    expect(mapped).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', message: 'Internal error' })
    expect(toDatabaseError(new Error('invariant failed: pool key missing'))).toMatchObject({
      status: 500,
      message: 'Internal error',
    })
  })

  it('maps input validation to a 400 naming the field', () => {
    const result = z.object({ limit: z.number() }).strict().safeParse({ limit: 'x' })
    expect(result.success).toBe(false)
    expect(toDatabaseError(!result.success && result.error)).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' })
  })
})

describe('sendError', () => {
  it('answers a TypeError with a bare 500 and logs it with the request id and stack', () => {
    // The logger's own sink is pino's asynchronous stdout stream; what it is handed is what counts here.
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined)
    let calls: unknown[][] = []
    const res = new ServerResponse(new IncomingMessage(new Socket()))
    let payload = ''
    res.end = ((chunk: string) => {
      payload = chunk
      return res
    }) as typeof res.end
    try {
      sendError(
        res as never,
        'req-typeerror-1',
        new TypeError("Cannot read properties of undefined (reading 'secret')")
      )
    } finally {
      calls = logged.mock.calls.slice()
      logged.mockRestore()
    }
    expect(res.statusCode).toBe(500)
    expect(JSON.parse(payload)).toEqual({
      error: { code: 'INTERNAL_ERROR', message: 'Internal error', requestId: 'req-typeerror-1' },
    })
    expect(calls).toHaveLength(1)
    const [, line] = calls[0] as [string, { requestId: string; error: string; stack: string }]
    expect(line.requestId).toBe('req-typeerror-1')
    expect(line.error).toContain('TypeError')
    expect(line.stack).toContain('error-mapping.test.ts')
  })
})

describe('isSecurityEvent', () => {
  it('counts a 404 as a denial only when the project lookup gave it', () => {
    expect(isSecurityEvent(new NotFoundError('Project not found'), 'access')).toBe(true)
    expect(isSecurityEvent(new NotFoundError('Key not found'), 'handler')).toBe(false)
  })
})

describe('shouldWriteSecurityEvent', () => {
  it('writes the first of identical denials per minute and reports the folded repeats on the next row', () => {
    const key = `unit-${Math.random()}`
    const start = 1_000_000
    expect(shouldWriteSecurityEvent(key, start)).toEqual({ write: true, suppressed: 0 })
    expect(shouldWriteSecurityEvent(key, start + 10)).toEqual({ write: false, suppressed: 0 })
    expect(shouldWriteSecurityEvent(key, start + 59_999)).toEqual({ write: false, suppressed: 0 })
    expect(shouldWriteSecurityEvent(key, start + 60_000)).toEqual({ write: true, suppressed: 2 })
    expect(shouldWriteSecurityEvent(`${key}-other`, start + 10)).toEqual({ write: true, suppressed: 0 })
  })
})
