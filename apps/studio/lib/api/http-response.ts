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

/** The security headers as `writeHead`'s flat name/value list, built once. */
const API_SECURITY_HEADER_LIST: readonly string[] = API_SECURITY_HEADERS.flat()

/**
 * Where apiWrapper leaves the request id on the response, so a handler that writes its own answer
 * (a download, JSON text) sends the same `X-Request-Id` without being handed it.
 */
const RESPONSE_REQUEST_ID = Symbol.for('multibase.responseRequestId')

export function setResponseRequestId(res: ServerResponse, requestId: string): void {
  ;(res as ServerResponse & { [RESPONSE_REQUEST_ID]?: string })[RESPONSE_REQUEST_ID] = requestId
}

function responseRequestId(res: ServerResponse): string {
  const stored = (res as ServerResponse & { [RESPONSE_REQUEST_ID]?: string })[RESPONSE_REQUEST_ID]
  return stored ?? randomUUID()
}

/**
 * The status line and every header of an /api answer in one `writeHead`: the security headers, the
 * request id and the caller's own (`[name, value, name, value, …]`). The body then goes out with the
 * headers in one socket write (node joins a string body to a header block it has not sent yet);
 * headers set earlier with `setHeader` (Allow, Connection: close while draining) are kept.
 */
export function writeApiHead(res: ServerResponse, status: number, headers: string[], requestId = responseRequestId(res)): void {
  res.writeHead(status, [...API_SECURITY_HEADER_LIST, 'X-Request-Id', requestId, ...headers])
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/** The caller's X-Request-Id when it is a plain token, else a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id']
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

/** A JSON answer: status, headers and body in one write. */
export function sendJson(res: ServerResponse, status: number, body: unknown, requestId?: string): void {
  // Plain node:http calls, so handlers run both under Next and under the custom server's router.
  const payload = JSON.stringify(body)
  writeApiHead(res, status, ['Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(payload))], requestId)
  res.end(payload)
}

/** The one error body with the API's headers, for answers given outside apiWrapper (router, server). */
export function sendApiError(res: ServerResponse, requestId: string, error: DatabaseError): void {
  if (res.headersSent) return void res.end()
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds))
  sendJson(res, error.status, toErrorBody(error, requestId), requestId)
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
