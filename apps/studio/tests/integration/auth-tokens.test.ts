import { randomUUID } from 'node:crypto'

import { importJWK, SignJWT } from 'jose'
import { describe, expect, inject, it } from 'vitest'

import { apiRequest, errorOf } from '../helpers/api'
import { createProject } from '../helpers/fixtures'
import { mintToken } from '../helpers/tokens'

const path = '/api/platform/projects'

async function expect401(token: string | undefined, headers?: Record<string, string>, baseUrl?: string) {
  const response = await apiRequest('GET', path, { token, headers, baseUrl })
  expect(response.status).toBe(401)
  const error = errorOf(response)
  expect(error.code).toMatch(/UNAUTHORIZED|INVALID_TOKEN|TOKEN_EXPIRED/)
  return error
}

function unsignedToken(payload: Record<string, unknown>) {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`
}

describe('GoTrue access tokens (platform mode)', () => {
  it('accepts a valid token', async () => {
    const response = await apiRequest('GET', path, { token: await mintToken() })
    expect(response.status).toBe(200)
    expect(response.body).toEqual([])
    expect(response.headers.get('x-request-id')).toBeTruthy()
  })

  it('refuses a missing or malformed Authorization header', async () => {
    await expect401(undefined)
    await expect401(undefined, { authorization: 'Bearer not-a-jwt' })
    await expect401(undefined, { authorization: 'Basic dXNlcjpwYXNz' })
  })

  it('refuses a bad signature', async () => {
    const token = await mintToken()
    const [header, payload] = token.split('.')
    await expect401(`${header}.${payload}.${Buffer.from('forged-signature-bytes-here-000').toString('base64url')}`)
  })

  it('refuses alg: none', async () => {
    const now = Math.floor(Date.now() / 1000)
    await expect401(unsignedToken({ sub: randomUUID(), aud: 'authenticated', role: 'authenticated', exp: now + 600 }))
  })

  it('refuses an expired token, beyond the 30 s skew', async () => {
    const error = await expect401(await mintToken({ expiresInSeconds: -120 }))
    expect(error.code).toBe('TOKEN_EXPIRED')
  })

  it('refuses a token that is not valid yet', async () => {
    await expect401(await mintToken({ notBeforeSeconds: 300 }))
  })

  it('refuses a wrong audience, a missing sub, a missing exp and a non-authenticated role', async () => {
    await expect401(await mintToken({ aud: 'anon' }))
    await expect401(await mintToken({ omit: ['sub'] }))
    await expect401(await mintToken({ omit: ['exp'] }))
    await expect401(await mintToken({ role: 'anon' }))
  })

  it('takes rights from platform.members, not from token metadata', async () => {
    const project = await createProject()
    const outsider = await mintToken({ extra: { app_metadata: { role: 'owner' }, role: 'authenticated' } })
    const response = await apiRequest('GET', `/api/platform/projects/${project.ref}`, { token: outsider })
    expect(response.status).toBe(404)
  })
})

describe('JWKS-only Studio', () => {
  const baseUrl = () => inject('jwksStudioUrl')

  async function rsToken(claims: Record<string, unknown> = {}) {
    const key = await importJWK(inject('jwksPrivateJwk'), 'RS256')
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT({ sub: randomUUID(), aud: 'authenticated', role: 'authenticated', exp: now + 600, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: inject('jwksKid') })
      .sign(key)
  }

  it('accepts an RS256 token whose kid is in the JWKS', async () => {
    const response = await apiRequest('GET', path, { token: await rsToken(), baseUrl: baseUrl() })
    expect(response.status).toBe(200)
  })

  it('refuses an HS256 token when only a JWKS is configured', async () => {
    await expect401(await mintToken(), undefined, baseUrl())
  })

  it('refuses an expired RS256 token', async () => {
    await expect401(await rsToken({ exp: Math.floor(Date.now() / 1000) - 120 }), undefined, baseUrl())
  })
})
