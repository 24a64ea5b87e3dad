import { describe, expect, inject, it } from 'vitest'

import { apiRequest } from '../helpers/api'

describe('GET /api/config', () => {
  it('tells a signed-out browser the mode and GoTrue address, read from the environment at runtime', async () => {
    const platform = await apiRequest('GET', '/api/config')
    expect(platform.status).toBe(200)
    expect(platform.body).toEqual({ isPlatform: true, gotrueUrl: null })

    const selfHosted = await apiRequest('GET', '/api/config', { baseUrl: inject('selfHostedUrl') })
    expect(selfHosted.body).toEqual({ isPlatform: false, gotrueUrl: null })
  })

  it('answers only GET, in the one error shape', async () => {
    const response = await apiRequest('POST', '/api/config', { body: {} })
    expect(response.status).toBe(405)
    expect(response.body.error.code).toBeTypeOf('string')
    expect(response.headers.get('x-request-id')).toBe(response.body.error.requestId)
  })
})
