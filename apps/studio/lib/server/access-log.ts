import type { IncomingMessage, ServerResponse } from 'node:http'

import { requestIdOf } from '../api/http-response'
import { logger } from '../logger'
import { getMetrics } from '../metrics/registry'
import { ROUTE_TEMPLATE } from './route-template'

/** Where apiWrapper leaves who called and for which project, for the access log line. */
export const REQUEST_CALLER = Symbol.for('multibase.requestCaller')

export interface RequestCaller {
  userId?: string
  projectRef?: string
}

type ObservedRequest = IncomingMessage & { [ROUTE_TEMPLATE]?: string; [REQUEST_CALLER]?: RequestCaller }

export function noteRequestCaller(req: IncomingMessage, caller: RequestCaller): void {
  ;(req as ObservedRequest)[REQUEST_CALLER] = caller
}

/**
 * The route label: the router's template for API calls, one fixed word otherwise. An unmatched /api
 * path or a page URL is what the caller typed, so it never becomes a label or a log field.
 */
function routeLabel(req: ObservedRequest): string {
  const template = req[ROUTE_TEMPLATE]
  if (typeof template === 'string') return template
  return (req.url ?? '').startsWith('/api') ? 'unmatched-api' : 'page'
}

/**
 * One access-log line and one latency observation per request, when its response finished (or its
 * socket went away first). The line names the route template, never the path, query or body.
 */
export function observeRequest(req: IncomingMessage, res: ServerResponse): void {
  const started = process.hrtime.bigint()
  let done = false
  const finish = () => {
    if (done) return
    done = true
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const observed = req as ObservedRequest
    const route = routeLabel(observed)
    const status = res.writableFinished ? res.statusCode : 499
    const labels = { method: req.method ?? 'UNKNOWN', route, status: String(status) }
    getMetrics().httpDuration.observe(labels, seconds)
    getMetrics().httpRequests.inc(labels)
    // Next's static assets would drown the log; their latency is still in the histogram.
    if (route === 'page' && (req.url ?? '').startsWith('/_next/')) return
    const caller = observed[REQUEST_CALLER]
    // The id the response carried (apiWrapper's), so a client's X-Request-Id finds this line.
    const sent = res.getHeader('x-request-id')
    logger.info('request', {
      requestId: typeof sent === 'string' ? sent : requestIdOf(req),
      method: req.method,
      route,
      status,
      durationMs: Math.round(seconds * 1e6) / 1e3,
      userId: caller?.userId || undefined,
      projectRef: caller?.projectRef,
    })
  }
  res.once('finish', finish)
  res.once('close', finish)
}
