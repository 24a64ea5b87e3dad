import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'

import { processSingleton } from '../../singleton'

/**
 * This Studio instance as a job holder (stored in platform.jobs.worker_id). Host and pid say which
 * process holds a job; the random part keeps a restarted process with a reused pid from being
 * mistaken for the one that died.
 */
export const getWorkerId = (): string =>
  processSingleton('job-worker-id', () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`)
