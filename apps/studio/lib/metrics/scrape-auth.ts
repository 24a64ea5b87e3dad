import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

import { AuthenticationError, NotFoundError } from '../api/database/errors'
import { recordAuthFailure } from './registry'

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * GET /api/metrics is for a Prometheus scraper holding METRICS_TOKEN. Unset, the endpoint does not
 * exist (404), so a Studio nobody configured for scraping reveals nothing; a wrong or missing bearer
 * token gets 401. Compared as digests in constant time.
 */
export function assertScrapeAllowed(req: IncomingMessage, metricsToken: string | undefined): void {
  if (!metricsToken) throw new NotFoundError('No API route here')
  const header = req.headers.authorization
  const presented = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : ''
  if (!presented || !timingSafeEqual(digest(presented), digest(metricsToken))) {
    recordAuthFailure('INVALID_METRICS_TOKEN')
    throw new AuthenticationError('A valid metrics token is required', 'INVALID_METRICS_TOKEN')
  }
}
