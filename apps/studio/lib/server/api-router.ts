import { readdirSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

import { DatabaseError, NotFoundError, ValidationError } from '../api/database/errors'
import { requestIdOf, sendApiError } from '../api/http-response'
import { logger } from '../logger'
import { ROUTE_TEMPLATE } from './route-template'

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown

interface ApiRoute {
  file: string
  /** `/api/platform/redis/[ref]/keys/[key]`: the file's own segments, what audit rows name. */
  template: string
  pattern: RegExp
  params: string[]
  /** Sort key: static segments before dynamic ones, as Next.js matches them. */
  rank: number[]
  handler?: Handler
}

export interface ApiRouterOptions {
  /** Loads a route module's handler; tests pass their own, the server requires the file. */
  load?: (file: string) => Handler
}

function collectRouteFiles(dir: string, prefix: string[] = []): Array<{ file: string; segments: string[] }> {
  const found: Array<{ file: string; segments: string[] }> = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      found.push(...collectRouteFiles(full, [...prefix, entry.name]))
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      const name = entry.name.replace(/\.tsx?$/, '')
      found.push({ file: full, segments: name === 'index' ? prefix : [...prefix, name] })
    }
  }
  return found
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const PARAM_SEGMENT = /^\[([A-Za-z_][A-Za-z0-9_]*)\]$/

/**
 * Only static segments and plain `[name]` parameters: a catch-all, an optional catch-all, a segment
 * mixing text and brackets or a repeated parameter name would match differently here than under
 * Next, so such a file stops the server at start-up instead of being served wrongly.
 */
function toRoute(file: string, segments: string[]): ApiRoute {
  const params: string[] = []
  const rank: number[] = []
  const parts = segments.map((segment) => {
    const dynamic = PARAM_SEGMENT.exec(segment)
    if (!dynamic) {
      if (/[[\]]/.test(segment))
        throw new Error(`API route ${file}: segment "${segment}" is not supported by the router`)
      rank.push(0)
      return escapeRegExp(segment)
    }
    if (params.includes(dynamic[1])) throw new Error(`API route ${file}: parameter "${dynamic[1]}" appears twice`)
    params.push(dynamic[1])
    rank.push(1)
    return '([^/]+)'
  })
  const template = `/api${segments.length ? '/' + segments.join('/') : ''}`
  return { file, template, params, rank, pattern: new RegExp(`^/api${parts.length ? '/' + parts.join('/') : ''}/?$`) }
}

/** Every route file under `pagesApiDir` with its template, as the router will serve it (the OpenAPI coverage test). */
export function listApiRoutes(pagesApiDir: string): Array<{ file: string; template: string }> {
  return collectRouteFiles(pagesApiDir).map(({ file, segments }) => ({ file, template: toRoute(file, segments).template }))
}

function compareRanks(a: ApiRoute, b: ApiRoute): number {
  for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
    const difference = (a.rank[i] ?? -1) - (b.rank[i] ?? -1)
    if (difference !== 0) return difference
  }
  return 0
}

/** Two files answering the same paths (`[a]/x` and `[b]/x`) would make the match depend on file order. */
function refuseAmbiguousRoutes(routes: ApiRoute[]): void {
  const seen = new Map<string, string>()
  for (const route of routes) {
    const shape = route.template.replace(/\[[^\]]+\]/g, '[]')
    const other = seen.get(shape)
    if (other) throw new Error(`API routes ${other} and ${route.file} match the same paths`)
    seen.set(shape, route.file)
  }
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const [key, value] of search) {
    const existing = query[key]
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return query
}

/** Decodes one path parameter; malformed percent-encoding and NUL bytes are refused, not guessed at. */
function decodeParam(raw: string): string {
  let value: string
  try {
    value = decodeURIComponent(raw)
  } catch {
    throw new ValidationError('The request path has malformed percent-encoding', undefined, 'MALFORMED_PATH')
  }
  if (value.includes('\0'))
    throw new ValidationError('The request path contains a NUL byte', undefined, 'MALFORMED_PATH')
  return value
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireHandler = (file: string) => (require(file) as { default: Handler }).default

/**
 * Serves the `pages/api` route modules straight from the custom server. Next.js's own request
 * pipeline costs ~0.4 ms of CPU per call before a handler runs — more than the Redis or MongoDB work
 * of a typical call — so API requests skip it; the route files stay ordinary Next.js API routes
 * (and `next dev` alone still serves them). Matching follows Next's rules: static segments win over
 * dynamic ones; route and search parameters are merged into `req.query`, and the matched file's
 * template is put on the request for the audit log. Every /api path is answered here — an unknown
 * one or a malformed one with the API's JSON error body, never Next's HTML page.
 */
export function createApiRouter(
  pagesApiDir: string,
  options: ApiRouterOptions = {}
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const load = options.load ?? requireHandler
  const routes = collectRouteFiles(pagesApiDir)
    .map(({ file, segments }) => toRoute(file, segments))
    .sort(compareRanks)
  refuseAmbiguousRoutes(routes)

  return (req, res) => {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      return false
    }
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') return false
    try {
      for (const route of routes) {
        const match = route.pattern.exec(url.pathname)
        if (!match) continue
        const query = parseQuery(url.searchParams)
        route.params.forEach((name, index) => {
          query[name] = decodeParam(match[index + 1])
        })
        // Loaded on first use, synchronously, through the same module system (tsx) as server.ts.
        route.handler ??= load(route.file)
        Object.assign(req, { query, [ROUTE_TEMPLATE]: route.template })
        void route.handler(req, res)
        return true
      }
      throw new NotFoundError('No API route here')
    } catch (error) {
      const requestId = requestIdOf(req)
      if (!(error instanceof DatabaseError)) {
        logger.error('api route failed to load', {
          requestId,
          error: (error as Error).message,
          stack: (error as Error).stack,
        })
      }
      sendApiError(res, requestId, error instanceof DatabaseError ? error : new DatabaseError('Internal error'))
      return true
    }
  }
}
