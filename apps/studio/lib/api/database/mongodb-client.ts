import { MongoClient as Driver, type MongoClientOptions } from 'mongodb'

import type { DatabaseClient, MongoConfig, ServerInfo } from './types'

function hostForUrl(address: string): string {
  return address.includes(':') ? `[${address}]` : address
}

/**
 * One MongoClient per pooled client. Credentials travel as driver options, never inside the URL, so
 * no driver error can echo them back.
 */
export class MongoDBClient implements DatabaseClient<Driver> {
  readonly type = 'mongodb' as const
  readonly native: Driver
  private closed = false

  constructor(readonly config: MongoConfig) {
    const { options } = config
    const driverOptions: MongoClientOptions = {
      directConnection: options.directConnection ?? true,
      replicaSet: options.replicaSet,
      serverSelectionTimeoutMS: config.connectTimeoutMs,
      connectTimeoutMS: config.connectTimeoutMs,
      maxPoolSize: 4,
      appName: 'multibase-studio',
      retryWrites: false,
    }
    if (config.username) {
      driverOptions.auth = { username: config.username, password: config.password }
      driverOptions.authSource = options.authSource ?? 'admin'
    }
    if (options.tls?.enabled) {
      driverOptions.tls = true
      driverOptions.tlsAllowInvalidCertificates = !options.tls.rejectUnauthorized
      driverOptions.servername = options.tls.servername ?? config.host
    }
    this.native = new Driver(`mongodb://${hostForUrl(config.address)}:${config.port}/`, driverOptions)
    this.native.on('serverClosed', () => undefined)
  }

  /** The database a connection names, used where a route does not name one. */
  get defaultDatabase(): string {
    return this.config.options.database ?? 'test'
  }

  async connect() {
    await this.native.connect()
  }

  async disconnect() {
    this.closed = true
    await this.native.close(true)
  }

  async ping() {
    const started = performance.now()
    await this.native.db('admin').command({ ping: 1 })
    return performance.now() - started
  }

  async getInfo(): Promise<ServerInfo> {
    const info = await this.native.db('admin').command({ buildInfo: 1 })
    return { version: String(info.version ?? 'unknown') }
  }

  healthy() {
    return !this.closed
  }
}
