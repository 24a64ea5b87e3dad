import Redis, { type RedisOptions } from 'ioredis'

import type { DatabaseClient, RedisConfig, ServerInfo } from './types'

/**
 * Where and how to connect (address, credentials, db, TLS), shared by the pooled clients and the
 * dedicated pub/sub subscriber so both reach the same checked address with the same secrets.
 */
export function redisConnectionOptions(config: RedisConfig): RedisOptions {
  const tls = config.options.tls?.enabled
    ? { servername: config.options.tls.servername ?? config.host, rejectUnauthorized: config.options.tls.rejectUnauthorized }
    : undefined
  return {
    host: config.address,
    port: config.port,
    username: config.username || undefined,
    password: config.password || undefined,
    db: config.options.db ?? 0,
    tls,
    connectTimeout: config.connectTimeoutMs,
  }
}

/**
 * ioredis without its reconnect loop and offline queue: a pooled client that loses its server fails
 * its commands at once and is replaced by the pool, so an outage gives fast 503s instead of requests
 * that hang until Redis returns.
 */
export class RedisClient implements DatabaseClient<Redis> {
  readonly type = 'redis' as const
  readonly native: Redis

  constructor(config: RedisConfig) {
    this.native = new Redis({
      ...redisConnectionOptions(config),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableReadyCheck: true,
      connectionName: 'multibase-studio',
    })
    // Errors surface through the failing command; without a listener ioredis would log them itself.
    // The last one is kept because a refused AUTH during connect only rejects "Connection is closed".
    this.native.on('error', (error) => {
      this.lastError = error
    })
  }

  private lastError?: Error

  async connect() {
    try {
      await this.native.connect()
    } catch (error) {
      throw this.lastError ?? error
    }
  }

  async disconnect() {
    this.native.disconnect()
  }

  async ping() {
    const started = performance.now()
    await this.native.ping()
    return performance.now() - started
  }

  async getInfo(): Promise<ServerInfo> {
    const info = await this.native.info('server')
    const version = /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown'
    const mode = /redis_mode:([^\r\n]+)/.exec(info)?.[1]
    return { version, mode }
  }

  healthy() {
    return this.native.status === 'ready'
  }
}
