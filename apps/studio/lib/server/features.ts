import { registerRedisPubSubRoute, stopRedisPubSub } from '../api/database/redis/pubsub/subscribe-route'
import { startAuditRetention, stopAuditRetention } from '../api/jobs/audit-retention'
import { jobDefinitions } from '../api/jobs/registry'
import { startJobQueue, stopJobQueue } from '../api/jobs/queue'
import { startKeepAliveScheduler, stopKeepAliveScheduler } from '../api/keep-alive-scheduler'
import { startInstanceHeartbeat, stopInstanceHeartbeat } from '../api/platform/instances'
import { startRequestStatsFlusher, stopRequestStatsFlusher } from '../api/request-stats'
import { getSessionGuard } from '../api/sessions/session-guard'
import { startChangeFeedConsumers, stopChangeFeedConsumers } from './change-feed-consumers'

/**
 * Long-lived server-side features started once by the custom server (WebSocket gateways, the job
 * queue). Each feature registers itself here so server.ts stays a thin bootstrap.
 */
export async function registerServerFeatures(): Promise<void> {
  await startChangeFeedConsumers()
  registerRedisPubSubRoute()
  await startJobQueue(jobDefinitions)
  startAuditRetention()
  await getSessionGuard().load()
  await startInstanceHeartbeat()
  startRequestStatsFlusher()
  startKeepAliveScheduler()
}

/** Stops them again on shutdown, before the pools and the platform database close. */
export async function stopServerFeatures(): Promise<void> {
  stopAuditRetention()
  await stopChangeFeedConsumers()
  stopRedisPubSub()
  await stopJobQueue()
  await stopKeepAliveScheduler()
  await stopRequestStatsFlusher()
  await stopInstanceHeartbeat()
}
