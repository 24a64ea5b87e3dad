import { registerRedisPubSubRoute, stopRedisPubSub } from '../api/database/redis/pubsub/subscribe-route'
import { startAuditRetention, stopAuditRetention } from '../api/jobs/audit-retention'
import { jobDefinitions } from '../api/jobs/registry'
import { startJobQueue, stopJobQueue } from '../api/jobs/queue'
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
}

/** Stops them again on shutdown, before the pools and the platform database close. */
export async function stopServerFeatures(): Promise<void> {
  stopAuditRetention()
  await stopChangeFeedConsumers()
  stopRedisPubSub()
  await stopJobQueue()
}
