import { getEnv } from '../../../env'
import { ValidationError } from '../errors'

/** The statement timeout of a request: its own `timeoutMs` up to the server's cap, else the default. */
export function statementTimeoutMs(requested?: number): number {
  const env = getEnv()
  const cap = Math.max(env.PG_QUERY_MAX_TIMEOUT_MS, 1)
  if (requested !== undefined && requested > cap) {
    throw new ValidationError(`timeoutMs may be at most ${cap} ms on this server`, { maxTimeoutMs: cap }, 'TIMEOUT_ABOVE_LIMIT')
  }
  return requested ?? Math.min(env.PG_QUERY_TIMEOUT_MS, cap)
}

export function resultCaps() {
  const env = getEnv()
  return { maxRows: env.PG_QUERY_MAX_ROWS, maxBytes: env.PG_QUERY_MAX_BYTES }
}
