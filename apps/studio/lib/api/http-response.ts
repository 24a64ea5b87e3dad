import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import { toErrorBody, type DatabaseError } from './database/errors'

/**
 * Headers on every /api answer, errors included: no MIME sniffing of JSON into HTML, never framed,
 * no referrer leaking a project ref, and nothing cached (answers carry project data).
 */
export const API_SECURITY_HEADERS: ReadonlyArray<[string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cache-Control', 'no-store'],
]

export function applyApiSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of API_SECURITY_HEADERS) res.setHeader(name, value)
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/** The caller's X-Request-Id when it is a plain token, else a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id']
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // Plain node:http calls, so handlers run both under Next and under the custom server's router.
  const payload = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(payload))
  res.end(payload)
}

/** The one error body with the API's headers, for answers given outside apiWrapper (router, server). */
export function sendApiError(res: ServerResponse, requestId: string, error: DatabaseError): void {
  if (res.headersSent) return void res.end()
  applyApiSecurityHeaders(res)
  res.setHeader('X-Request-Id', requestId)
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds))
  sendJson(res, error.status, toErrorBody(error, requestId))
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
}

/**
 * A whole HTTP/1.1 error response written straight to a socket — for refused WebSocket upgrades and
 * for requests node's parser rejects before any `request` event (header overflow, bad syntax).
 */
export function rawErrorResponse(
  status: number,
  code: string,
  message: string,
  requestId: string,
  extraHeaders: Record<string, string> = {}
): string {
  const body = JSON.stringify({ error: { code, message, requestId } })
  const headers = [
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    ...API_SECURITY_HEADERS.map(([name, value]) => `${name}: ${value}`),
    ...Object.entries(extraHeaders).map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
  ]
  return `${headers.join('\r\n')}\r\n\r\n${body}`
}
