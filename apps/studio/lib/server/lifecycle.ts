import type { ServerResponse } from 'node:http'

import { processSingleton } from '../singleton'

/**
 * The server's drain state, shared by the custom server and the routes (health answers 503 while
 * draining), plus the responses still being written, so shutdown knows when the last one is done.
 */
interface Lifecycle {
  draining: boolean
  inFlight: Set<ServerResponse>
  idle: Array<() => void>
}

const lifecycle = () => processSingleton('server-lifecycle', (): Lifecycle => ({ draining: false, inFlight: new Set(), idle: [] }))

export const isDraining = (): boolean => lifecycle().draining

/**
 * Keep-alive sockets must not carry another request into an instance that is going away: once
 * draining, every response (in flight or new) says `Connection: close` and its socket ends with it.
 */
function closeAfterResponse(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('Connection', 'close')
}

/** Runs as the response's `close` listener; one shared function, not a closure per request. */
function onResponseClosed(this: ServerResponse): void {
  const state = lifecycle()
  state.inFlight.delete(this)
  if (state.inFlight.size === 0) for (const resolve of state.idle.splice(0)) resolve()
}

/** Counts a request from its arrival until its response ended or its socket went away. */
export function trackRequest(res: ServerResponse): void {
  const state = lifecycle()
  state.inFlight.add(res)
  if (state.draining) closeAfterResponse(res)
  res.once('close', onResponseClosed)
}

export function startDraining(): void {
  const state = lifecycle()
  state.draining = true
  for (const res of state.inFlight) closeAfterResponse(res)
}

/** Resolves with the number of requests still unfinished when they all ended or `graceMs` passed. */
export async function waitForInFlight(graceMs: number): Promise<number> {
  const state = lifecycle()
  if (state.inFlight.size > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs)
      state.idle.push(() => (clearTimeout(timer), resolve()))
    })
  }
  return state.inFlight.size
}
