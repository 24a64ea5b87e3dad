import { createServer, type Server } from 'node:http'

import { exportJWK, generateKeyPair } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { AuthenticationError } from '../../lib/api/database/errors'
import { AuthUnavailableError, JwksCache } from '../../lib/api/jwks-cache'

/** A real JWKS endpoint on loopback whose keys and health the test changes. */
describe('JwksCache', () => {
  let server: Server
  let url: URL
  let keys: Record<string, unknown>[] = []
  let failing = false
  let fetches = 0

  const jwk = async (kid: string) => ({
    ...(await exportJWK((await generateKeyPair('RS256', { extractable: true })).publicKey)),
    kid,
    alg: 'RS256',
    use: 'sig',
  })

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches += 1
      res.statusCode = failing ? 503 : 200
      res.setHeader('content-type', 'application/json')
      res.end(failing ? '{"error":"down"}' : JSON.stringify({ keys }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    url = new URL(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/jwks`)
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('fetches on first use and, within the refetch interval, refuses an unknown kid without fetching', async () => {
    keys = [await jwk('one')]
    failing = false
    fetches = 0
    const cache = new JwksCache(url, { algorithms: ['RS256'], minRefetchIntervalMs: 60_000 })
    await expect(cache.getKey({ alg: 'RS256', kid: 'one' })).resolves.toBeDefined()
    expect(fetches).toBe(1)
    keys = [...keys, await jwk('two')]
    await expect(cache.getKey({ alg: 'RS256', kid: 'two' })).rejects.toBeInstanceOf(AuthenticationError)
    expect(fetches).toBe(1)
  })

  it('accepts a rotated key on the first token that names it once the interval allows a fetch', async () => {
    keys = [await jwk('old')]
    failing = false
    const cache = new JwksCache(url, { algorithms: ['RS256'], minRefetchIntervalMs: 0 })
    await cache.getKey({ alg: 'RS256', kid: 'old' })
    keys = [...keys, await jwk('new')]
    fetches = 0
    const results = await Promise.all([1, 2, 3].map(() => cache.getKey({ alg: 'RS256', kid: 'new' })))
    expect(results).toHaveLength(3)
    expect(fetches).toBe(1)
  })

  it('refuses a kid the JWKS does not publish as a bad token (401), and a flood of them costs one fetch per interval', async () => {
    keys = [await jwk('only')]
    failing = false
    fetches = 0
    const cache = new JwksCache(url, { algorithms: ['RS256'], minRefetchIntervalMs: 60_000 })
    for (let i = 0; i < 5; i++) {
      await expect(cache.getKey({ alg: 'RS256', kid: `forged-${i}` })).rejects.toBeInstanceOf(AuthenticationError)
    }
    expect(fetches).toBe(1)
  })

  it('reports an outage as 503 AUTH_UNAVAILABLE and keeps verifying with the keys it holds', async () => {
    keys = [await jwk('held')]
    failing = false
    const cache = new JwksCache(url, { algorithms: ['RS256'], minRefetchIntervalMs: 0 })
    await cache.getKey({ alg: 'RS256', kid: 'held' })
    failing = true
    await expect(cache.getKey({ alg: 'RS256', kid: 'unknown' })).rejects.toBeInstanceOf(AuthUnavailableError)
    await expect(cache.getKey({ alg: 'RS256', kid: 'held' })).resolves.toBeDefined()
    failing = false
  })

  it('reports an unreachable JWKS as 503', async () => {
    const cache = new JwksCache(new URL('http://127.0.0.1:9/jwks'), { algorithms: ['RS256'] })
    await expect(cache.getKey({ alg: 'RS256', kid: 'any' })).rejects.toMatchObject({
      status: 503,
      code: 'AUTH_UNAVAILABLE',
    })
  })
})
