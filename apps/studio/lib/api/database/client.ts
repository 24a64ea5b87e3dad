import { MongoDBClient } from './mongodb-client'
import { PostgresClient } from './postgres-client'
import { RedisClient } from './redis-client'
import type { DatabaseClient, MongoConfig, PostgresConfig, RedisConfig, ResolvedConnectionConfig } from './types'

export function createDatabaseClient(config: ResolvedConnectionConfig): DatabaseClient {
  switch (config.type) {
    case 'redis':
      return new RedisClient(config as RedisConfig)
    case 'mongodb':
      return new MongoDBClient(config as MongoConfig)
    case 'postgres':
      return new PostgresClient(config as PostgresConfig)
    default:
      throw new Error(`Unknown database type: ${String(config.type)}`)
  }
}

export { MongoDBClient, PostgresClient, RedisClient }
