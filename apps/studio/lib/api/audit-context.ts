import type { IncomingMessage } from 'node:http'

import { getEnv } from '../env'

export type AuditEngine = 'postgres' | 'redis' | 'mongodb'

const ENGINE_OF_SEGMENT: Record<string, AuditEngine> = { 'pg-meta': 'postgres', redis: 'redis', mongodb: 'mongodb' }

/** The engine a route works on, from its template: `/api/platform/<engine>/[ref]/...`. */
export function engineOfRoute(template: string): AuditEngine | null {
  const segment = /^\/api\/platform\/([^/]+)\//.exec(template)?.[1]
  return (segment && ENGINE_OF_SEGMENT[segment]) || null
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The connection a call touched: `?connectionId=` on engine routes, `[id]` on the connection routes.
 * Only a well-formed id is kept; the column is a uuid, and an audit row must never fail to insert
 * because a caller sent garbage (the route itself refuses it).
 */
export function connectionIdOfRoute(template: string, query: Record<string, unknown>): string | null {
  const candidate = /\/connections\/\[id\](\/|$)/.test(template) ? query.id : query.connectionId
  return typeof candidate === 'string' && UUID.test(candidate) ? candidate.toLowerCase() : null
}

/**
 * The client's address behind `trustedProxies` reverse proxies. Each trusted proxy appends the
 * address it received from to X-Forwarded-For, so the client is the entry `trustedProxies` places
 * from the right of [...forwardedFor, socket]; entries further left were written by the client and
 * prove nothing. With 0 trusted proxies (the default) the header is ignored: any client can send it.
 * A chain shorter than the proxies we were told about yields its leftmost entry.
 */
export function clientAddress(
  socketAddress: string | null,
  forwardedFor: string | string[] | undefined,
  trustedProxies: number
): string | null {
  if (trustedProxies <= 0 || forwardedFor === undefined) return socketAddress
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const chain = [...entries, ...(socketAddress ? [socketAddress] : [])]
  if (chain.length === 0) return null
  const picked = chain[Math.max(0, chain.length - 1 - trustedProxies)]
  return picked.length > 100 ? picked.slice(0, 100) : picked
}

/** The caller's address for the audit log, per TRUST_PROXY. */
export function requestAddress(req: IncomingMessage): string | null {
  return clientAddress(req.socket?.remoteAddress ?? null, req.headers['x-forwarded-for'], getEnv().TRUST_PROXY)
}
