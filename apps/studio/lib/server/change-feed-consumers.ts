import { getPoolManager } from '../api/database/pool-manager'
import { getPubSubGateway } from '../api/database/redis/pubsub/gateway'
import { getAccessCache } from '../api/platform/access-cache'
import { getChangeFeed, type ChangeFeedEvent } from '../api/platform/change-feed'
import { getSessionGuard } from '../api/sessions/session-guard'

/**
 * Everything an instance keeps about access reacts to the one change feed: the access cache drops
 * entries, pools of an edited or removed connection are closed (the next request opens one from the
 * new row), and pub/sub viewers are re-authorized.
 */
function onChange(event: ChangeFeedEvent): void {
  getSessionGuard().onFeedEvent(event)
  // A revoked session changes no role, pool or socket grant: only the session guard cares.
  if (event.kind === 'change' && event.change.table === 'sessions') return
  getAccessCache().onFeedEvent(event)
  if (event.kind === 'change' && event.change.connection_id && event.change.op !== 'INSERT') {
    void getPoolManager().closeConnection(event.change.connection_id)
  }
  void getPubSubGateway().onFeedEvent(event)
}

export async function startChangeFeedConsumers(): Promise<void> {
  const feed = getChangeFeed()
  feed.subscribe(onChange)
  await feed.start()
}

export function stopChangeFeedConsumers(): Promise<void> {
  return getChangeFeed().stop()
}
