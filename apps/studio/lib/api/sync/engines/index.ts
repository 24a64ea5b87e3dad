import type { SyncDirection } from '@multibase/api-contracts'

import { syncMongoToMongo } from './mongodb-to-mongodb'
import { syncMongoToPostgres } from './mongodb-to-postgres'
import { syncPostgresToPostgres } from './postgres-to-postgres'
import { syncRedisToRedis } from './redis-to-redis'
import type { SyncEngine } from './types'

export const syncEngines: Record<SyncDirection, SyncEngine> = {
  'postgres->postgres': syncPostgresToPostgres,
  'mongodb->mongodb': syncMongoToMongo,
  'redis->redis': syncRedisToRedis,
  'mongodb->postgres': syncMongoToPostgres,
}
