import { SocksClient } from 'socks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openHostGate, type HostGate } from '../../lib/api/database/host-gate/host-gate'
import { startCountingListener } from '../helpers/fake-mongo-seed'

// The gate listens on loopback; these checks make sure it is not an open proxy for other local
// processes. Which destinations it refuses is covered end to end in mongodb-discovery-guard.test.ts.
let gate: HostGate
let target: Awaited<ReturnType<typeof startCountingListener>>

beforeAll(async () => {
  gate = await openHostGate({ onRefused: () => undefined, handshakeTimeoutMs: 5000 })
  target = await startCountingListener('127.0.0.1')
})
afterAll(async () => {
  await gate.close()
  await target.close()
})

const through = (credentials: { userId?: string; password?: string }) =>
  SocksClient.createConnection({
    command: 'connect',
    destination: { host: '127.0.0.1', port: target.port },
    proxy: { host: gate.host, port: gate.port, type: 5, ...credentials },
    timeout: 5000,
  })

describe('host gate login', () => {
  it('refuses a client without credentials or with wrong ones, and dials nothing for it', async () => {
    await expect(through({})).rejects.toThrow()
    await expect(through({ userId: gate.username, password: 'wrong' })).rejects.toThrow()
    expect(target.accepted()).toBe(0)
  })

  it('relays a client with the gate credentials to an allowed destination', async () => {
    const { socket } = await through({ userId: gate.username, password: gate.password })
    socket.destroy()
    // The listener sees its side of the connection on a later turn of the event loop.
    for (let attempt = 0; attempt < 100 && target.accepted() === 0; attempt++) await new Promise((r) => setTimeout(r, 10))
    expect(target.accepted()).toBe(1)
  })
})
