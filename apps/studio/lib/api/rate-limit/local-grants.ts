import { LRUCache } from 'lru-cache'
import type { RateLimiterRes } from 'rate-limiter-flexible'

import { processSingleton } from '../../singleton'
import type { LimiterName } from './policy'

/**
 * Points an instance has taken from the shared counter ahead of use. A store round trip per request
 * costs more CPU than the rest of a small request, so a caller with a large allowance takes a batch
 * of points at once and spends them locally until the batch or the window runs out. The shared count
 * is still an upper bound (a batch is counted when taken); what an instance holds unspent at the
 * window's end is lost, so a caller may get up to (instances × batch) fewer requests than the limit —
 * a batch is at most 1 % of the limit, and small limits (under 200) are counted one by one, exactly.
 */
const MAX_BATCH = 25

export function grantSize(points: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(points / 100)))
}

interface Grant {
  left: number
  /** What the store said when the batch was taken, for the headers. */
  remaining: number
  resetAt: number
}

const grants = () => processSingleton('rate-limit-grants', () => new LRUCache<string, Grant>({ max: 50_000 }))

export function keepLocalPoints(name: LimiterName, key: string, count: number, claimed: RateLimiterRes): void {
  if (count <= 0 || claimed.msBeforeNext <= 0) return
  grants().set(`${name}\u0000${key}`, { left: count, remaining: claimed.remainingPoints, resetAt: Date.now() + claimed.msBeforeNext })
}

/** Spends one locally held point; undefined when none is held for this window. */
export function takeLocalPoint(name: LimiterName, key: string): { remaining: number; msBeforeReset: number } | undefined {
  const id = `${name}\u0000${key}`
  const grant = grants().get(id)
  if (!grant) return undefined
  const msBeforeReset = grant.resetAt - Date.now()
  if (msBeforeReset <= 0 || grant.left <= 0) {
    grants().delete(id)
    return undefined
  }
  grant.left -= 1
  return { remaining: grant.remaining + grant.left, msBeforeReset }
}

const claims = () => processSingleton('rate-limit-claims', () => new Map<string, Promise<boolean>>())

/** Runs `claim` once for concurrent callers of one counter; all of them get its outcome. */
export function claimOnce(name: LimiterName, key: string, claim: () => Promise<boolean>): Promise<boolean> {
  const id = `${name}\u0000${key}`
  const pending = claims().get(id)
  if (pending) return pending
  const started = claim().finally(() => claims().delete(id))
  claims().set(id, started)
  return started
}
