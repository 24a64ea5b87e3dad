import { spawn, type ChildProcess } from 'node:child_process'

import Redis from 'ioredis'

import { freePort } from '../setup/studio-process'

/**
 * A throwaway redis-server on a spare loopback port, for tests that must stop and restart Redis.
 * The shared Redis of the machine is never touched.
 */
export interface OwnRedisServer {
  port: number
  start(): Promise<void>
  stop(): Promise<void>
}

export async function ownRedisServer(): Promise<OwnRedisServer> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const server: OwnRedisServer = {
    port,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      })
      const deadline = Date.now() + 10_000
      for (;;) {
        const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
        probe.on('error', () => undefined)
        try {
          await probe.connect()
          await probe.ping()
          probe.disconnect()
          return
        } catch {
          probe.disconnect()
          if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start`)
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      }
    },
    async stop() {
      const running = child
      child = undefined
      if (!running || running.exitCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await exited
    },
  }
  await server.start()
  return server
}
