import type { ServerResponse } from 'node:http'

import { RateLimiterRes } from 'rate-limiter-flexible'

import { RateLimitError } from '../database/errors'
import { getLimiters } from './limiters'
import { claimOnce, grantSize, keepLocalPoints, takeLocalPoint } from './local-grants'
import { rateLimitHeaders, type LimiterName, type LimitState } from './policy'

const MESSAGES: Record<LimiterName, string> = {
  read: 'Too many requests; slow down and retry after the time in Retry-After',
  write: 'Too many changes; slow down and retry after the time in Retry-After',
  expensive: 'Too many expensive operations (queries, tests, bulk jobs); retry after the time in Retry-After',
  'expensive-project': 'Too many expensive operations on this project; retry after the time in Retry-After',
  'auth-failure': 'Too many failed sign-ins from this address; retry after the time in Retry-After',
}

function stateOf(res: RateLimiterRes, limit: number, windowSeconds: number): LimitState {
  return { limit, remaining: res.remainingPoints, msBeforeReset: res.msBeforeNext, windowSeconds }
}

function refusal(name: LimiterName, state: LimitState): RateLimitError {
  const headers = rateLimitHeaders(state, true)
  return new RateLimitError(
    MESSAGES[name],
    { limit: state.limit, windowSeconds: state.windowSeconds, retryAfterSeconds: Number(headers['Retry-After']) },
    Number(headers['Retry-After'])
  )
}

function setHeaders(res: ServerResponse | undefined, state: LimitState, refused: boolean): void {
  if (!res || res.headersSent) return
  // An expensive request is counted per user and per project: the headers name the tighter count.
  const shown = res.getHeader('RateLimit-Remaining')
  if (!refused && shown !== undefined && Number(shown) <= state.remaining) return
  for (const [name, value] of Object.entries(rateLimitHeaders(state, refused))) res.setHeader(name, value)
}

/**
 * Counts one request against `name` for `key` and puts the RateLimit headers on the answer; throws
 * a 429 RATE_LIMITED (with Retry-After) once the window's count is spent. Refused requests still
 * count, so hammering a closed window keeps it closed no longer than its end.
 * A busy caller's points are taken from the shared store a few at a time (see local-grants.ts), so
 * most requests cost no store round trip.
 */
export async function consumeRateLimit(name: LimiterName, key: string, res?: ServerResponse): Promise<void> {
  const limiters = await getLimiters()
  const limiter = limiters.get(name)
  if (!limiter) return
  const { points, windowSeconds } = limiters.policies[name]
  const granted = takeLocalPoint(name, key)
  if (granted) return setHeaders(res, { limit: points, windowSeconds, ...granted }, false)
  const chunk = grantSize(points)
  if (chunk > 1) {
    // Concurrent requests of one caller wait for the one batch being taken instead of each taking one.
    const shared = await claimOnce(name, key, async () => {
      try {
        keepLocalPoints(name, key, chunk, await limiter.consume(key, chunk))
        return true
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection
        // Too few left for a batch: give it back; requests are counted alone, exactly.
        await limiter.reward(key, chunk)
        return false
      }
    })
    const batched = shared ? takeLocalPoint(name, key) : undefined
    if (batched) return setHeaders(res, { limit: points, windowSeconds, ...batched }, false)
  }
  try {
    setHeaders(res, stateOf(await limiter.consume(key), points, windowSeconds), false)
  } catch (rejection) {
    // Store errors are absorbed by the insurance limiter; anything else is a refusal.
    if (!(rejection instanceof RateLimiterRes)) throw rejection
    const state = stateOf(rejection, points, windowSeconds)
    setHeaders(res, state, true)
    throw refusal(name, state)
  }
}

/** Refuses a caller whose address has spent its failed-authentication allowance (without counting this one). */
export async function assertAuthAllowed(ip: string, res?: ServerResponse): Promise<void> {
  const limiters = await getLimiters()
  const limiter = limiters.get('auth-failure')
  if (!limiter) return
  const { points, windowSeconds } = limiters.policies['auth-failure']
  const current = await limiter.get(ip)
  if (!current || current.consumedPoints < points) return
  const state = stateOf(current, points, windowSeconds)
  setHeaders(res, state, true)
  throw refusal('auth-failure', state)
}

/** Counts a failed authentication (a 401) against the caller's address. */
export async function recordAuthFailure(ip: string): Promise<void> {
  const limiter = (await getLimiters()).get('auth-failure')
  if (!limiter) return
  // Past the allowance the library rejects; the next request is refused by assertAuthAllowed.
  await limiter.consume(ip).catch((rejection: unknown) => {
    if (!(rejection instanceof RateLimiterRes)) throw rejection
  })
}
