import { createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { isDraining, startDraining, trackRequest, waitForInFlight } from '../../lib/server/lifecycle'

// The drain bookkeeping on a loopback server of the test's own: which responses are still being
// written, and that each one written after the drain began closes its keep-alive socket.
let server: Server
let port: number
const pending: ServerResponse[] = []

function get(): Promise<IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { connection: 'keep-alive' } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.headers))
    })
    req.on('error', reject)
    req.end()
  })
}

const arrived = async (count: number) => {
  while (pending.length < count) await new Promise((resolve) => setTimeout(resolve, 5))
}

beforeAll(async () => {
  server = createServer((_req, res) => {
    trackRequest(res)
    pending.push(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as { port: number }).port
})

afterAll(() => {
  server.closeAllConnections()
  server.close()
})

describe('server lifecycle (drain)', () => {
  it('answers responses normally before the drain, then closes the socket of every later response', async () => {
    const before = get()
    await arrived(1)
    pending[0].end('ok')
    expect((await before).connection).toBe('keep-alive')
    expect(isDraining()).toBe(false)

    const inFlight = get()
    await arrived(2)
    startDraining()
    expect(isDraining()).toBe(true)
    const waited = waitForInFlight(10_000)
    pending[1].end('ok')
    expect((await inFlight).connection).toBe('close')
    expect(await waited).toBe(0)
  })

  it('gives up waiting after the grace period and says how many are unfinished', async () => {
    const stuck = get()
    await arrived(3)
    expect(await waitForInFlight(50)).toBe(1)
    pending[2].end('late')
    expect((await stuck).connection).toBe('close')
    expect(await waitForInFlight(50)).toBe(0)
  })
})
