import { createSecretKey, timingSafeEqual } from 'node:crypto'

import { errors as joseErrors, jwtVerify, type JWTVerifyGetKey, type KeyObject } from 'jose'
import { LRUCache } from 'lru-cache'
import type { IncomingMessage } from 'node:http'

import { getEnv } from '../env'
import { processSingleton } from '../singleton'
import { AuthenticationError, DatabaseError } from './database/errors'
import { JwksCache } from './jwks-cache'

/** The caller, as far as authentication knows: a GoTrue user id. Rights come from the platform DB. */
export interface AuthenticatedUser {
  id: string
  email?: string
  /** true for the self-hosted local user, who is owner of the default project. */
  local: boolean
  /** When the access token expires (ms since the epoch); long-lived sockets close then. */
  expiresAt?: number
  /** GoTrue's `session_id` claim: the Studio session the token belongs to (revocable, see sessions). */
  sessionId?: string
}

/** The self-hosted local user; it exists only in self-hosted mode. */
export const LOCAL_USER_ID = '00000000-0000-4000-8000-000000000001'

const CLOCK_SKEW_SECONDS = 30
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

interface Verifier {
  key: KeyObject | JWTVerifyGetKey
  algorithms: string[]
}

/**
 * Built once per process: the HS256 secret becomes a KeyObject (no string secret parsed per request)
 * and a JWKS is fetched lazily and cached (see JwksCache). The algorithm list is pinned per kind of
 * key, so an HS256 token is refused when only a JWKS is configured and `alg: none` is never accepted.
 */
function getVerifiers(): Verifier[] {
  return processSingleton('jwt-verifiers', () => {
    const env = getEnv()
    const verifiers: Verifier[] = []
    if (env.GOTRUE_JWT_SECRET) {
      verifiers.push({ key: createSecretKey(Buffer.from(env.GOTRUE_JWT_SECRET, 'utf8')), algorithms: ['HS256'] })
    }
    if (env.GOTRUE_JWKS_URL) {
      const algorithms = ['RS256', 'ES256']
      const jwks = new JwksCache(new URL(env.GOTRUE_JWKS_URL), { algorithms })
      verifiers.push({ key: (header) => jwks.getKey(header), algorithms })
    }
    return verifiers
  })
}

function readBearerToken(header: string | undefined): string {
  if (!header) throw new AuthenticationError('Missing Authorization header')
  const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header.trim())
  if (!match) throw new AuthenticationError('Authorization header must be "Bearer <access token>"', 'INVALID_TOKEN')
  return match[1]
}

function headerAlgorithm(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'))
    return typeof header?.alg === 'string' ? header.alg : undefined
  } catch {
    return undefined
  }
}

interface VerifiedToken {
  user: AuthenticatedUser
  /** Accepted until this time (ms): `exp` plus the allowed skew. */
  validUntil: number
}

/**
 * Tokens this instance already verified, until they expire (at most a minute). Signature checks
 * dominate the per-request cost and a client sends the same token on every call; the cache holds
 * only what verification itself derived, so a second instance simply verifies again.
 */
const verifiedTokens = () =>
  processSingleton('verified-tokens', () => new LRUCache<string, VerifiedToken>({ max: 10_000, ttl: 60_000 }))

/** Verifies a GoTrue access token and returns its user. Every failure is a 401, except an unreachable JWKS (503). */
export async function verifyAccessToken(token: string): Promise<AuthenticatedUser> {
  const cached = verifiedTokens().get(token)
  if (cached && Date.now() < cached.validUntil) return cached.user
  const verified = await verifyAccessTokenUncached(token)
  verifiedTokens().set(token, verified)
  return verified.user
}

async function verifyAccessTokenUncached(token: string): Promise<VerifiedToken> {
  const env = getEnv()
  const verifiers = getVerifiers()
  if (verifiers.length === 0) {
    throw new AuthenticationError('The server has no GOTRUE_JWT_SECRET or GOTRUE_JWKS_URL configured', 'AUTH_NOT_CONFIGURED')
  }
  const alg = headerAlgorithm(token)
  const verifier = verifiers.find((candidate) => alg && candidate.algorithms.includes(alg))
  if (!verifier) throw new AuthenticationError('Token algorithm is not accepted', 'INVALID_TOKEN')
  try {
    const { payload } = await jwtVerify(token, verifier.key as KeyObject, {
      algorithms: verifier.algorithms,
      audience: 'authenticated',
      issuer: env.GOTRUE_JWT_ISSUER,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', 'sub'],
    })
    // jose checks `iat` only against a maxTokenAge; a token minted in the future is refused here.
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
      throw new AuthenticationError('Token claim "iat" is in the future', 'INVALID_TOKEN')
    }
    if (payload.role !== 'authenticated') throw new AuthenticationError('Token role must be "authenticated"', 'INVALID_TOKEN')
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) {
      throw new AuthenticationError('Token subject must be a GoTrue user id', 'INVALID_TOKEN')
    }
    return {
      user: {
        id: payload.sub,
        email: typeof payload.email === 'string' ? payload.email : undefined,
        local: false,
        expiresAt: (payload.exp as number) * 1000,
        sessionId: typeof payload.session_id === 'string' && UUID.test(payload.session_id) ? payload.session_id : undefined,
      },
      validUntil: (payload.exp as number) * 1000 + CLOCK_SKEW_SECONDS * 1000,
    }
  } catch (error) {
    if (error instanceof DatabaseError) throw error
    if (error instanceof joseErrors.JWTExpired) throw new AuthenticationError('Token has expired', 'TOKEN_EXPIRED')
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw new AuthenticationError(`Token claim "${error.claim}" is not valid`, 'INVALID_TOKEN')
    }
    throw new AuthenticationError('Token could not be verified', 'INVALID_TOKEN')
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * HTTP basic auth for a self-hosted Studio that listens beyond loopback. Returns true when the
 * request may pass (no credentials configured, or the right ones sent).
 */
export function checkDashboardBasicAuth(req: IncomingMessage): boolean {
  const { DASHBOARD_USERNAME: username, DASHBOARD_PASSWORD: password } = getEnv()
  if (!username || !password) return true
  const header = req.headers.authorization ?? ''
  const match = /^Basic\s+(.+)$/i.exec(header)
  if (!match) return false
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const separator = decoded.indexOf(':')
  if (separator < 0) return false
  return safeEqual(decoded.slice(0, separator), username) && safeEqual(decoded.slice(separator + 1), password)
}

/**
 * The caller of a request. Platform mode: the bearer token's user (or, for a WebSocket, the token
 * offered as a `Sec-WebSocket-Protocol` entry). Self-hosted mode: the local user; the dashboard's basic
 * auth, when configured, is enforced by the server before any route runs.
 */
export async function apiAuthenticate(req: IncomingMessage, token?: string): Promise<AuthenticatedUser> {
  if (!getEnv().NEXT_PUBLIC_IS_PLATFORM) return { id: LOCAL_USER_ID, local: true }
  return verifyAccessToken(token ?? readBearerToken(req.headers.authorization))
}
