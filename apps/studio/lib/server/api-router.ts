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

interface RouteTable {
  /** Routes without parameters by path (no trailing slash): a static route beats every dynamic one. */
  statics: Map<string, ApiRoute>
  /** Routes with parameters by segment count, in match order: a pattern only matches its own count. */
  bySegments: Map<number, ApiRoute[]>
}

const segmentCount = (pathname: string) => {
  let count = 0
  for (let index = 0; index < pathname.length; index++) if (pathname.charCodeAt(index) === 47) count++
  return count
}

function indexRoutes(routes: ApiRoute[]): RouteTable {
  const table: RouteTable = { statics: new Map(), bySegments: new Map() }
  for (const route of routes) {
    if (route.params.length === 0) {
      table.statics.set(route.template, route)
      continue
    }
    const count = segmentCount(route.template)
    const bucket = table.bySegments.get(count) ?? []
    bucket.push(route)
    table.bySegments.set(count, bucket)
  }
  return table
}

function matchRoute(table: RouteTable, pathname: string): { route: ApiRoute; match: RegExpExecArray | null } | undefined {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname
  const fixed = table.statics.get(trimmed)
  if (fixed) return { route: fixed, match: null }
  for (const route of table.bySegments.get(segmentCount(trimmed)) ?? []) {
    const match = route.pattern.exec(pathname)
    if (match) return { route, match }
  }
  return undefined
}

/**
 * Paths that need the WHATWG parser's normalisation: dot segments (also percent-encoded), backslashes,
 * a fragment, a scheme-relative or non-origin form, bytes it would percent-encode. Any other target
 * is split at `?` as it is — what that parser would return for it — without a URL object per request.
 */
const NEEDS_URL_PARSER = /\/\.|%2e|\\|#|^\/\/|^[^/]|[^\x21-\x7e]/i

function splitTarget(raw: string): { pathname: string; search: string } | undefined {
  if (NEEDS_URL_PARSER.test(raw)) {
    try {
      const url = new URL(raw, 'http://localhost')
      return { pathname: url.pathname, search: url.search }
    } catch {
      return undefined
    }
  }
  const mark = raw.indexOf('?')
  return mark < 0 ? { pathname: raw, search: '' } : { pathname: raw.slice(0, mark), search: raw.slice(mark) }
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
  const table = indexRoutes(routes)

  return (req, res) => {
    const target = splitTarget(req.url ?? '/')
    if (!target) return false
    const { pathname, search } = target
    if (!pathname.startsWith('/api/') && pathname !== '/api') return false
    try {
      const found = matchRoute(table, pathname)
      if (!found) throw new NotFoundError('No API route here')
      const { route, match } = found
      const query = search ? parseQuery(new URLSearchParams(search)) : {}
      // A static route has no parameters, so `match` is only read for a dynamic one.
      for (let index = 0; index < route.params.length; index++) query[route.params[index]] = decodeParam((match as RegExpExecArray)[index + 1])
      // Loaded on first use, synchronously, through the same module system (tsx) as server.ts.
      route.handler ??= load(route.file)
      Object.assign(req, { query, [ROUTE_TEMPLATE]: route.template })
      void route.handler(req, res)
      return true
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
