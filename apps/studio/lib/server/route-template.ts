import type { IncomingMessage } from 'node:http'

/**
 * Where the API router leaves the matched route file's template (`/api/platform/redis/[ref]/keys/[key]`)
 * on the request. A registered symbol, so neither a header nor a query string can set it, and the
 * router and apiWrapper agree on it even if they were loaded as separate module instances.
 */
export const ROUTE_TEMPLATE = Symbol.for('multibase.routeTemplate')

/** The route template the router matched; bare `next dev` has no router, so the path stands in. */
export function routeTemplateOf(req: IncomingMessage): string {
  const template = (req as IncomingMessage & { [ROUTE_TEMPLATE]?: unknown })[ROUTE_TEMPLATE]
  if (typeof template === 'string') return template
  return (req.url ?? '').split('?')[0]
}
