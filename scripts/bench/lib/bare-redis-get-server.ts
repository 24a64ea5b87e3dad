/**
 * The baseline of the request-path benchmarks: a bare node:http server that answers `/api/health`
 * with the same JSON as the Studio's shallow health check, and any other request with one ioredis
 * GET of the key named in `?key=`, as JSON. No auth, no routing, no platform database.
 * Prints its port on stdout. Args: <redis url>
 */
import { createServer } from 'node:http'

import Redis from 'ioredis'

const HEALTH = JSON.stringify({ status: 'ok', platformDatabase: 'not-checked' })

const redis = new Redis(process.argv[2])
const server = createServer(async (req, res) => {
  if (req.url === '/api/health') {
    res.setHeader('content-type', 'application/json')
    res.end(HEALTH)
    return
  }
  const key = new URL(req.url ?? '/', 'http://localhost').searchParams.get('key') ?? ''
  try {
    const value = await redis.get(key)
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ name: key, value }))
  } catch {
    res.statusCode = 500
    res.end()
  }
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(typeof address === 'object' && address ? address.port : 0)
})
