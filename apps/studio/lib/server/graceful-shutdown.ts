import type { Server } from 'node:http'
import { Server as NetServer } from 'node:net'

import { getPoolManager } from '../api/database/pool-manager'
import type { PlatformDatabase } from '../api/platform/database'
import { getEnv } from '../env'
import { logger } from '../logger'
import { stopServerFeatures } from './features'
import { startDraining, waitForInFlight } from './lifecycle'

/**
 * SIGTERM/SIGINT: health answers 503 `DRAINING` at once (load balancers stop sending), the listener
 * closes (no new connections) and keep-alive sockets close after their next response. Meanwhile
 * WebSocket viewers are closed with 1001 and a reconnect hint, and jobs stop at their next batch
 * boundary and are handed back for another instance. In-flight requests get up to SHUTDOWN_GRACE_MS
 * to finish; only then are the pools and the platform database closed, so no request or job ever
 * meets a closed pool. Exits 0 when all of that went through.
 */
export function installGracefulShutdown(server: Server, db: PlatformDatabase): void {
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal })
    startDraining()
    // Stop listening only: http.Server#close would also destroy idle keep-alive sockets at once, and a
    // client just sending its next request on one would see a reset. That request is answered instead
    // (with Connection: close); whatever socket is still open once requests are done is closed then.
    NetServer.prototype.close.call(server)
    try {
      const [, unfinished] = await Promise.all([stopServerFeatures(), waitForInFlight(getEnv().SHUTDOWN_GRACE_MS)])
      if (unfinished > 0) logger.warn('shutdown grace period over; closing unfinished requests', { unfinished })
      server.closeAllConnections()
      await getPoolManager().drainAll()
      await db.close()
    } catch (error) {
      logger.error('shutdown failed', { error: (error as Error).message })
      process.exit(1)
    }
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}
