import { readdirSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown

interface ApiRoute {
  file: string
  pattern: RegExp
  params: string[]
  /** Sort key: static segments before dynamic ones, as Next.js matches them. */
  rank: number[]
  handler?: Handler
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

function toRoute(file: string, segments: string[]): ApiRoute {
  const params: string[] = []
  const rank: number[] = []
  const parts = segments.map((segment) => {
    const dynamic = /^\[(.+)\]$/.exec(segment)
    if (!dynamic) {
      rank.push(0)
      return escapeRegExp(segment)
    }
    params.push(dynamic[1])
    rank.push(1)
    return '([^/]+)'
  })
  return { file, params, rank, pattern: new RegExp(`^/api${parts.length ? '/' + parts.join('/') : ''}/?$`) }
}

function compareRanks(a: ApiRoute, b: ApiRoute): number {
  for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
    const difference = (a.rank[i] ?? -1) - (b.rank[i] ?? -1)
    if (difference !== 0) return difference
  }
  return 0
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const [key, value] of search) {
    const existing = query[key]
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return query
}

/**
 * Serves the `pages/api` route modules straight from the custom server. Next.js's own request
 * pipeline costs ~0.4 ms of CPU per call before a handler runs — more than the Redis or MongoDB work
 * of a typical call — so API requests skip it; the route files stay ordinary Next.js API routes
 * (and `next dev` alone still serves them). Matching follows Next's rules: static segments win over
 * dynamic ones; route and search parameters are merged into `req.query`.
 */
export function createApiRouter(pagesApiDir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const routes = collectRouteFiles(pagesApiDir)
    .map(({ file, segments }) => toRoute(file, segments))
    .sort(compareRanks)

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') return false
    for (const route of routes) {
      const match = route.pattern.exec(url.pathname)
      if (!match) continue
      const query = parseQuery(url.searchParams)
      try {
        route.params.forEach((name, index) => {
          query[name] = decodeURIComponent(match[index + 1])
        })
      } catch {
        return false // malformed percent-encoding: let Next answer it
      }
      // Loaded on first use, synchronously, through the same module system (tsx) as server.ts.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      route.handler ??= (require(route.file) as { default: Handler }).default
      Object.assign(req, { query })
      void route.handler(req, res)
      return true
    }
    return false
  }
}
