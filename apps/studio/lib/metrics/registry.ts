import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

import { processSingleton } from '../singleton'

/**
 * Every metric of this Studio instance, in one registry. Labels carry only bounded values chosen by
 * the server — a route template, a method, a status, an engine, a job kind, an error code — never a
 * key, a project ref, a path as sent or anything else a caller typed.
 */
function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'multibase_process_' })
  return {
    registry,
    httpDuration: new Histogram({
      name: 'multibase_http_request_duration_seconds',
      help: 'HTTP request latency by method, route template and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    // The histogram's _count says the same; a plain counter is what simple parsers and dashboards read.
    httpRequests: new Counter({
      name: 'multibase_http_requests_total',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    authFailures: new Counter({
      name: 'multibase_auth_failures_total',
      help: 'Requests refused at authentication, by error code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    rateLimitHits: new Counter({
      name: 'multibase_rate_limit_hits_total',
      help: 'Requests refused by a rate limit (429), by route template',
      labelNames: ['route'] as const,
      registers: [registry],
    }),
    jobRuns: new Histogram({
      name: 'multibase_job_run_duration_seconds',
      help: 'How long a job ran on this instance, by kind and how the run ended',
      labelNames: ['kind', 'state'] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers: [registry],
    }),
    pubsubViewers: new Gauge({
      name: 'multibase_pubsub_viewers',
      help: 'Open pub/sub WebSocket viewers on this instance',
      registers: [registry],
    }),
    pubsubDelivered: new Counter({
      name: 'multibase_pubsub_messages_delivered_total',
      help: 'Pub/sub messages handed to a viewer socket',
      registers: [registry],
    }),
    pubsubDropped: new Counter({
      name: 'multibase_pubsub_messages_dropped_total',
      help: 'Pub/sub messages dropped because a viewer read too slowly',
      registers: [registry],
    }),
  }
}

export const getMetrics = () => processSingleton('metrics', createMetrics)

/** Called by the rate limiter when it answers 429; `route` is the matched route template. */
export function recordRateLimitHit(route: string): void {
  getMetrics().rateLimitHits.inc({ route })
}

export function recordAuthFailure(code: string): void {
  getMetrics().authFailures.inc({ code })
}

export function recordJobRun(kind: string, state: string, seconds: number): void {
  getMetrics().jobRuns.observe({ kind, state }, seconds)
}
