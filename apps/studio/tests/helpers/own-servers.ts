import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'

import { Client } from 'pg'

import { POSTGRES_ADMIN_URL, postgresUrlFor } from './services'
import { freePort } from '../setup/studio-process'

/**
 * Servers a test owns: fault tests stop and restart these, never the shared services.
 */
export interface OwnRedis {
  port: number
  stop(): Promise<void>
  start(): Promise<void>
}

async function waitForPort(port: number, up: boolean) {
  const { connect } = await import('node:net')
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
    })
    if (open === up) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`port ${port} did not become ${up ? 'open' : 'closed'}`)
}

/** A redis-server of the test's own on a spare loopback port (DEBUG enabled for fault injection). */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--enable-debug-command', 'yes'], {
      stdio: 'ignore',
    })
    await waitForPort(port, true)
  }
  const stop = async () => {
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child!.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    await waitForPort(port, false)
  }
  await start()
  return { port, start, stop }
}

/** A fresh platform database for a Studio a test starts itself. */
export async function createScratchDatabase(prefix = 'multibase_test_scratch'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  return {
    url: postgresUrlFor(name),
    async drop() {
      const client = new Client({ connectionString: POSTGRES_ADMIN_URL })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}
