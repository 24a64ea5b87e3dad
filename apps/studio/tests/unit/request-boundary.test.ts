import { describe, expect, it } from 'vitest'

import { DatabaseError } from '../../lib/api/database/errors'
import { checkApiRequest, checkUpgradeRequest, hostnameOf, type BoundaryConfig } from '../../lib/api/request-boundary'

const selfHosted: BoundaryConfig = {
  platform: false,
  allowedHostnames: ['studio.lan'],
  allowedOrigins: ['http://tools.lan:8080'],
}
const platform: BoundaryConfig = { platform: true, allowedHostnames: [], allowedOrigins: ['https://app.example.com'] }

function refusal(run: () => void): { status: number; code: string } | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error
    return { status: error.status, code: error.code }
  }
}

const post = (headers: Record<string, string>) => ({ method: 'POST', headers: { host: '127.0.0.1:3000', ...headers } })
const json = { 'content-type': 'application/json', 'content-length': '2' }

describe('hostnameOf', () => {
  it.each([
    ['127.0.0.1:3000', '127.0.0.1'],
    ['LocalHost', 'localhost'],
    ['[::1]:3000', '::1'],
    ['studio.lan:80', 'studio.lan'],
    ['a b', undefined],
    ['', undefined],
    ['[::1', undefined],
  ])('%s → %s', (host, expected) => expect(hostnameOf(host)).toBe(expected))
})

describe('Host (self-hosted mode)', () => {
  it.each(['127.0.0.1:3000', '127.8.9.10', 'localhost:3000', '[::1]:3000', 'studio.lan:3000'])('%s passes', (host) => {
    expect(refusal(() => checkApiRequest({ method: 'GET', headers: { host } }, selfHosted))).toBeUndefined()
  })
  it.each(['rebind.attacker.example', 'localhost.attacker.example', '127.0.0.1.nip.io', '0.0.0.0:3000', ''])(
    '%s is 421',
    (host) => {
      expect(refusal(() => checkApiRequest({ method: 'GET', headers: { host } }, selfHosted))).toEqual({
        status: 421,
        code: 'MISDIRECTED_HOST',
      })
      expect(refusal(() => checkUpgradeRequest({ method: 'GET', headers: { host } }, selfHosted))?.status).toBe(421)
    }
  )
  it('is not checked in platform mode (the token, not the host, is the credential)', () => {
    expect(
      refusal(() => checkApiRequest({ method: 'GET', headers: { host: 'studio.example.com' } }, platform))
    ).toBeUndefined()
  })
})

describe('Origin of state-changing requests', () => {
  it.each([
    ['no Origin or Referer (curl, scripts)', {}],
    ['its own origin', { origin: 'http://127.0.0.1:3000' }],
    ['a listed origin', { origin: 'http://tools.lan:8080' }],
    ['a same-origin Referer', { referer: 'http://127.0.0.1:3000/project/default/redis' }],
  ])('%s passes', (_name, headers) => {
    expect(refusal(() => checkApiRequest(post({ ...json, ...headers }), selfHosted))).toBeUndefined()
  })
  it.each([
    ['a foreign origin', { origin: 'http://evil.example' }],
    ['another port on loopback', { origin: 'http://127.0.0.1:3001' }],
    ['https for the http Studio', { origin: 'https://127.0.0.1:3000' }],
    ['an opaque origin', { origin: 'null' }],
    ['garbage', { origin: 'not a url' }],
    ['a foreign Referer', { referer: 'http://evil.example/page' }],
    ['a listed origin on another port', { origin: 'http://tools.lan:8081' }],
  ])('%s is 403', (_name, headers) => {
    expect(refusal(() => checkApiRequest(post({ ...json, ...headers }), selfHosted))).toEqual({
      status: 403,
      code: 'ORIGIN_NOT_ALLOWED',
    })
  })
  it('is not checked for reads (a GET changes nothing; CORS keeps its answer from the page)', () => {
    const req = { method: 'GET', headers: { host: '127.0.0.1:3000', origin: 'http://evil.example' } }
    expect(refusal(() => checkApiRequest(req, selfHosted))).toBeUndefined()
  })
  it('is checked for a WebSocket upgrade, which is a GET', () => {
    const req = { method: 'GET', headers: { host: '127.0.0.1:3000', origin: 'http://evil.example' } }
    expect(refusal(() => checkUpgradeRequest(req, selfHosted))?.code).toBe('ORIGIN_NOT_ALLOWED')
  })
  it('trusts X-Forwarded-Proto only in platform mode', () => {
    const behindTls = {
      host: 'studio.example.com',
      origin: 'https://studio.example.com',
      'x-forwarded-proto': 'https',
      ...json,
    }
    expect(refusal(() => checkApiRequest({ method: 'POST', headers: behindTls }, platform))).toBeUndefined()
    const local = { ...behindTls, host: 'localhost:3000', origin: 'https://localhost:3000' }
    expect(refusal(() => checkApiRequest({ method: 'POST', headers: local }, selfHosted))?.code).toBe(
      'ORIGIN_NOT_ALLOWED'
    )
  })
})

describe('Content-Type', () => {
  it.each([
    ['text/plain', { 'content-type': 'text/plain', 'content-length': '5' }],
    ['form-encoded', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '5' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '5' }],
    ['a body with no type', { 'content-length': '5' }],
    ['a chunked body with no type', { 'transfer-encoding': 'chunked' }],
    ['a look-alike type', { 'content-type': 'application/jsonp', 'content-length': '5' }],
  ])('%s is 415', (_name, headers) => {
    expect(refusal(() => checkApiRequest(post(headers), selfHosted))).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    })
  })
  it.each([
    ['JSON', json],
    ['JSON with a charset', { 'content-type': 'Application/JSON; charset=utf-8', 'content-length': '2' }],
    ['no body and no type (DELETE from curl)', {}],
  ])('%s passes', (_name, headers) => {
    expect(refusal(() => checkApiRequest(post(headers), selfHosted))).toBeUndefined()
  })
})
