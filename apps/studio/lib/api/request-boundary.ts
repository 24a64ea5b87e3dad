import type { IncomingHttpHeaders } from 'node:http'

import { getEnv } from '../env'
import { processSingleton } from '../singleton'
import { DatabaseError, ForbiddenError } from './database/errors'

/**
 * The trust boundary every request crosses before anything else runs — the API routes (through
 * apiWrapper), the pages (through server.ts) and the WebSocket upgrades alike. It stops a page on
 * another site (or a DNS-rebound name) from driving a Studio that a browser can reach:
 * - self-hosted: the Host must be a loopback name/address or one of ALLOWED_HOSTNAMES (421);
 * - a state-changing request or an upgrade carrying an Origin (else a Referer) must come from the
 *   Studio's own origin or one of ALLOWED_ORIGINS — scheme, host and port compared (403);
 * - a request with a body must send it as application/json (415), which a browser only does for
 *   a cross-site request after a CORS preflight that this server never grants.
 * Callers with no Origin or Referer (curl, scripts) are not browsers and pass.
 */
export interface BoundaryRequest {
  method?: string
  headers: IncomingHttpHeaders
}

export interface BoundaryConfig {
  platform: boolean
  allowedHostnames: string[]
  allowedOrigins: string[]
}

export class MisdirectedHostError extends DatabaseError {
  constructor() {
    super('This Studio does not answer to that host name', { status: 421, code: 'MISDIRECTED_HOST' })
  }
}

export class UnsupportedMediaTypeError extends DatabaseError {
  constructor() {
    super('Request bodies must be sent as application/json', { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' })
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function boundaryConfigFromEnv(): BoundaryConfig {
  return processSingleton('boundary-config', () => {
    const env = getEnv()
    return {
      platform: env.NEXT_PUBLIC_IS_PLATFORM,
      allowedHostnames: env.ALLOWED_HOSTNAMES.map((name) => name.toLowerCase()),
      allowedOrigins: env.ALLOWED_ORIGINS.map(normalizeOrigin),
    }
  })
}

/** `https://Studio.example.com:443/` → `https://studio.example.com`, so listed origins compare exactly. */
function normalizeOrigin(origin: string): string {
  try {
    return new URL(origin).origin
  } catch {
    return origin
  }
}

/** The host name of a Host header without its port: `[::1]:3000` → `::1`, `LocalHost:80` → `localhost`. */
export function hostnameOf(host: string): string | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(host.trim())
  if (!match) return undefined
  return match[1].replace(/^\[|\]$/g, '').toLowerCase()
}

export function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/** Self-hosted mode answers only to loopback names and ALLOWED_HOSTNAMES (DNS rebinding). */
export function checkHost(req: BoundaryRequest, config: BoundaryConfig): void {
  if (config.platform) return
  const hostname = hostnameOf(req.headers.host ?? '')
  if (!hostname) throw new MisdirectedHostError()
  if (isLoopbackHostname(hostname) || config.allowedHostnames.includes(hostname)) return
  throw new MisdirectedHostError()
}

/**
 * The Studio's own origin, from the request's Host (which checkHost already vetted in self-hosted
 * mode). The scheme is http — the Studio never terminates TLS itself — except in platform mode,
 * where a TLS proxy in front says `X-Forwarded-Proto: https`. A browser cannot forge that header
 * cross-site without a CORS preflight, which this server never grants.
 */
function ownOrigin(req: BoundaryRequest, config: BoundaryConfig): string | undefined {
  const host = req.headers.host
  if (!host || !hostnameOf(host)) return undefined
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    .trim()
    .toLowerCase()
  const scheme = config.platform && forwarded === 'https' ? 'https' : 'http'
  try {
    return new URL(`${scheme}://${host}`).origin
  } catch {
    return undefined
  }
}

/** The origin a browser says the request comes from: `Origin`, else the `Referer`'s origin. */
function claimedOrigin(req: BoundaryRequest): string | undefined {
  const origin = req.headers.origin
  if (origin !== undefined) return origin
  const referer = req.headers.referer
  if (referer === undefined) return undefined
  try {
    return new URL(referer).origin
  } catch {
    return 'null'
  }
}

export function checkOrigin(req: BoundaryRequest, config: BoundaryConfig, upgrade = false): void {
  if (!upgrade && !STATE_CHANGING.has((req.method ?? 'GET').toUpperCase())) return
  const claimed = claimedOrigin(req)
  if (claimed === undefined) return
  let origin: string
  try {
    // `new URL('null')` throws, so an opaque origin (sandboxed frame, file:, data:) is refused here.
    origin = new URL(claimed).origin
  } catch {
    throw new ForbiddenError('Requests from an opaque origin are not accepted', 'ORIGIN_NOT_ALLOWED')
  }
  if (origin === 'null')
    throw new ForbiddenError('Requests from an opaque origin are not accepted', 'ORIGIN_NOT_ALLOWED')
  if (origin === ownOrigin(req, config) || config.allowedOrigins.includes(origin)) return
  throw new ForbiddenError(`Requests from ${origin} are not accepted`, 'ORIGIN_NOT_ALLOWED')
}

function hasBody(req: BoundaryRequest): boolean {
  const length = req.headers['content-length']
  if (req.headers['transfer-encoding'] !== undefined) return true
  return length !== undefined && length !== '0'
}

/** A body (or a declared Content-Type) must be JSON; an empty body with no type is fine. */
export function checkContentType(req: BoundaryRequest): void {
  const type = req.headers['content-type']
  if (type === undefined && !hasBody(req)) return
  const mediaType = (type ?? '').split(';')[0].trim().toLowerCase()
  if (mediaType !== 'application/json') throw new UnsupportedMediaTypeError()
}

/** Everything an API request must satisfy before authentication. */
export function checkApiRequest(req: BoundaryRequest, config = boundaryConfigFromEnv()): void {
  checkHost(req, config)
  checkOrigin(req, config)
  checkContentType(req)
}

/** Everything a WebSocket upgrade must satisfy before authentication. */
export function checkUpgradeRequest(req: BoundaryRequest, config = boundaryConfigFromEnv()): void {
  checkHost(req, config)
  checkOrigin(req, config, true)
}
