import { MongoClient as Driver, type MongoClientOptions } from 'mongodb'

import type { DatabaseError } from './errors'
import { openHostGate, type HostGate } from './host-gate/host-gate'
import type { DatabaseClient, MongoConfig, ServerInfo } from './types'

function hostForUrl(address: string): string {
  return address.includes(':') ? `[${address}]` : address
}

function driverOptions(config: MongoConfig): MongoClientOptions {
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
  return driverOptions
}

/**
 * One MongoClient per pooled client. Credentials travel as driver options, never inside the URL, so
 * no driver error can echo them back.
 *
 * With `directConnection: true` (the default) the driver only ever dials the seed, which is the
 * address the host guard already checked. With discovery on, the driver would dial whatever members
 * the set announces, so every socket goes through a host gate (see host-gate.ts): a member the guard
 * refuses is never dialled, and the client fails closed — it is shut down and every call answers
 * HOST_NOT_ALLOWED naming that member, because a set that announces a forbidden member is not one
 * this Studio may talk to.
 */
export class MongoDBClient implements DatabaseClient<Driver> {
  readonly type = 'mongodb' as const
  private driver?: Driver
  private gate?: HostGate
  private refused?: DatabaseError
  private closed = false

  constructor(readonly config: MongoConfig) {
    if (this.config.options.directConnection !== false) this.driver = this.createDriver()
  }

  private createDriver(gate?: HostGate): Driver {
    const options = driverOptions(this.config)
    if (gate) {
      Object.assign(options, { proxyHost: gate.host, proxyPort: gate.port, proxyUsername: gate.username, proxyPassword: gate.password })
    }
    const driver = new Driver(`mongodb://${hostForUrl(this.config.address)}:${this.config.port}/`, options)
    driver.on('serverClosed', () => undefined)
    return driver
  }

  get native(): Driver {
    if (!this.driver) throw new Error('MongoDB client used before connect()')
    return this.driver
  }

  /** The database a connection names, used where a route does not name one. */
  get defaultDatabase(): string {
    return this.config.options.database ?? 'test'
  }

  private refuse(error: DatabaseError) {
    if (this.refused) return
    this.refused = error
    this.closed = true
    void this.driver?.close(true).catch(() => undefined)
  }

  /** Runs a call; if the gate refused a member meanwhile, that refusal is the answer. */
  private async guarded<T>(call: () => Promise<T>): Promise<T> {
    if (this.refused) throw this.refused
    try {
      return await call()
    } catch (error) {
      throw this.refused ?? error
    }
  }

  async connect() {
    if (!this.driver) {
      this.gate = await openHostGate({
        onRefused: (error) => this.refuse(error),
        handshakeTimeoutMs: this.config.connectTimeoutMs,
      })
      this.driver = this.createDriver(this.gate)
    }
    const driver = this.driver
    await this.guarded(() => driver.connect().then(() => undefined))
  }

  async disconnect() {
    this.closed = true
    try {
      await this.driver?.close(true)
    } finally {
      await this.gate?.close()
    }
  }

  async ping() {
    return this.guarded(async () => {
      const started = performance.now()
      await this.native.db('admin').command({ ping: 1 })
      return performance.now() - started
    })
  }

  async getInfo(): Promise<ServerInfo> {
    return this.guarded(async () => {
      const info = await this.native.db('admin').command({ buildInfo: 1 })
      return { version: String(info.version ?? 'unknown') }
    })
  }

  healthy() {
    return !this.closed
  }
}
