import { importJWK, type CryptoKey, type JWK, type JWSHeaderParameters } from 'jose'

import { logger } from '../logger'
import { AuthenticationError, DatabaseError } from './database/errors'

export class AuthUnavailableError extends DatabaseError {
  constructor() {
    super('The sign-in service cannot be reached to verify the token; try again shortly', {
      status: 503,
      code: 'AUTH_UNAVAILABLE',
    })
  }
}

export interface JwksCacheOptions {
  /** A refetch on an unknown `kid` happens at most this often (a flood of forged kids costs one fetch). */
  minRefetchIntervalMs?: number
  /** Keys are refreshed after this long even when every kid is known (a revoked key goes away). */
  maxAgeMs?: number
  fetchTimeoutMs?: number
  algorithms: string[]
}

/**
 * GoTrue's signing keys, fetched from its JWKS URL. jose's createRemoteJWKSet waits out a 30 s
 * cooldown before it refetches for an unknown kid and reports an unreachable JWKS with the same
 * errors as a bad token; this cache instead refetches at once on an unknown kid (one shared fetch
 * for concurrent misses, at most one per `minRefetchIntervalMs`), so a key rotation refuses a valid
 * token for seconds, and tells an outage (503 AUTH_UNAVAILABLE) from a forged token (401). When a
 * refresh fails, the keys already held keep verifying.
 */
export class JwksCache {
  private keys = new Map<string, CryptoKey | Uint8Array>()
  private fetchedAt = 0
  private attemptedAt = 0
  private lastFailed = false
  private inflight: Promise<void> | undefined
  private readonly minRefetchIntervalMs: number
  private readonly maxAgeMs: number
  private readonly fetchTimeoutMs: number

  constructor(
    private readonly url: URL,
    private readonly options: JwksCacheOptions
  ) {
    this.minRefetchIntervalMs = options.minRefetchIntervalMs ?? 5_000
    this.maxAgeMs = options.maxAgeMs ?? 600_000
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? 5_000
  }

  /** A jose key resolver: `jwtVerify(token, (header) => cache.getKey(header))`. */
  async getKey(header: JWSHeaderParameters): Promise<CryptoKey | Uint8Array> {
    const kid = header.kid ?? ''
    const now = Date.now()
    if (!this.keys.has(kid) || now - this.fetchedAt >= this.maxAgeMs) {
      if (this.inflight) await this.inflight.catch(() => undefined)
      else if (now - this.attemptedAt >= this.minRefetchIntervalMs) await this.refresh().catch(() => undefined)
    }
    const key = this.keys.get(kid)
    if (key) return key
    if (this.lastFailed) throw new AuthUnavailableError()
    throw new AuthenticationError('Token was signed with a key the sign-in service does not publish', 'INVALID_TOKEN')
  }

  private refresh(): Promise<void> {
    this.attemptedAt = Date.now()
    this.inflight = this.load()
      .then((keys) => {
        this.keys = keys
        this.fetchedAt = Date.now()
        this.lastFailed = false
      })
      .catch((error: unknown) => {
        this.lastFailed = true
        logger.warn('JWKS fetch failed', { error: (error as Error).message })
        throw error
      })
      .finally(() => {
        this.inflight = undefined
      })
    return this.inflight
  }

  private async load(): Promise<Map<string, CryptoKey | Uint8Array>> {
    const response = await fetch(this.url, { signal: AbortSignal.timeout(this.fetchTimeoutMs), redirect: 'error' })
    if (!response.ok) throw new Error(`JWKS answered HTTP ${response.status}`)
    const body = (await response.json()) as { keys?: unknown }
    if (!Array.isArray(body.keys)) throw new Error('JWKS has no "keys" array')
    const keys = new Map<string, CryptoKey | Uint8Array>()
    for (const jwk of body.keys as JWK[]) {
      // Only signing keys of the pinned algorithms; an unknown kind of key is skipped, not fatal.
      if (!jwk || typeof jwk !== 'object' || (jwk.use && jwk.use !== 'sig')) continue
      if (!jwk.alg || !this.options.algorithms.includes(jwk.alg)) continue
      try {
        keys.set(jwk.kid ?? '', await importJWK(jwk, jwk.alg))
      } catch (error) {
        logger.warn('JWKS key skipped', { kid: jwk.kid, error: (error as Error).message })
      }
    }
    return keys
  }
}
