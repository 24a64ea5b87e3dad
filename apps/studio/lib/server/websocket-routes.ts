import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'

import { rawErrorResponse } from '../api/http-response'

/**
 * WebSocket endpoints served by the custom server (Next.js API routes cannot upgrade). Each route
 * authenticates and authorizes the upgrade itself and refuses it before the 101.
 */
export interface WebSocketRoute {
  pattern: RegExp
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, params: string[]): Promise<void>
}

const routes: WebSocketRoute[] = []

export function registerWebSocketRoute(route: WebSocketRoute): void {
  routes.push(route)
}

export function matchWebSocketRoute(pathname: string): { route: WebSocketRoute; params: string[] } | undefined {
  for (const route of routes) {
    const match = route.pattern.exec(pathname)
    if (match) return { route, params: match.slice(1).map((part) => decodeURIComponent(part)) }
  }
  return undefined
}

/** Answers an upgrade with a plain HTTP error and closes the socket — no 101 is ever sent. */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers?: Record<string, string>
): void {
  socket.end(rawErrorResponse(status, code, message, requestId, headers))
}
