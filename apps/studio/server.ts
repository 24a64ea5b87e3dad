import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import path from 'node:path'

import next from 'next'

import { checkDashboardBasicAuth } from './lib/api/apiAuthenticate'
import { ensureSelfHostedDefaults } from './lib/api/platform/bootstrap'
import { getPlatformDatabase } from './lib/api/platform/database'
import { getKeyring } from './lib/api/platform/encryption'
import { applyMigrations } from './lib/api/platform/migrations'
import { getEnv } from './lib/env'
import { logger } from './lib/logger'
import { createApiRouter } from './lib/server/api-router'
import { installGracefulShutdown } from './lib/server/graceful-shutdown'
import { isDraining, trackRequest } from './lib/server/lifecycle'
import { matchWebSocketRoute, refuseUpgrade } from './lib/server/websocket-routes'
import { registerServerFeatures } from './lib/server/features'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1'])

function checkStartupConfiguration() {
  const env = getEnv()
  if (env.NEXT_PUBLIC_IS_PLATFORM) {
    if (!env.GOTRUE_JWT_SECRET && !env.GOTRUE_JWKS_URL) {
      throw new Error('Platform mode needs GOTRUE_JWT_SECRET or GOTRUE_JWKS_URL to verify access tokens')
    }
  } else if (!LOOPBACK_HOSTS.has(env.HOST) && !/^127\./.test(env.HOST)) {
    if (!env.DASHBOARD_USERNAME || !env.DASHBOARD_PASSWORD) {
      throw new Error(
        `Refusing to listen on ${env.HOST} in self-hosted mode without DASHBOARD_USERNAME and DASHBOARD_PASSWORD`
      )
    }
  }
  getKeyring() // fails fast on a malformed or missing ENCRYPTION_KEYS
}

async function main() {
  const dev = process.argv.includes('--dev')
  const env = getEnv()
  checkStartupConfiguration()

  const db = await getPlatformDatabase()
  const applied = await applyMigrations(db)
  if (applied.length > 0) logger.info('migrations applied', { migrations: applied.join(', ') })
  if (!env.NEXT_PUBLIC_IS_PLATFORM) await ensureSelfHostedDefaults(db)
  await registerServerFeatures()

  const app = next({ dev, dir: path.resolve(__dirname), hostname: env.HOST, port: env.PORT })
  await app.prepare()
  const handle = app.getRequestHandler()
  const routeApi = createApiRouter(path.resolve(__dirname, 'pages/api'))
  const nextUpgrade = dev ? app.getUpgradeHandler() : undefined

  const server = createServer((req, res) => {
    trackRequest(res)
    // Load balancers probe /api/health without credentials; it reveals only up/down.
    const isHealthCheck = req.url === '/api/health'
    if (!isHealthCheck && !checkDashboardBasicAuth(req)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="Multibase Studio"', 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'Dashboard credentials required', requestId: randomUUID() } }))
      return
    }
    if (!routeApi(req, res)) void handle(req, res)
  })

  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname
    const requestId = randomUUID()
    if (isDraining()) return refuseUpgrade(socket, 503, 'DRAINING', 'This Studio instance is shutting down', requestId)
    if (!checkDashboardBasicAuth(req)) return refuseUpgrade(socket, 401, 'UNAUTHORIZED', 'Dashboard credentials required', requestId)
    const match = matchWebSocketRoute(pathname)
    if (match) {
      match.route.handleUpgrade(req, socket, head, match.params).catch((error) => {
        logger.error('websocket upgrade failed', { error: (error as Error).message })
        refuseUpgrade(socket, 503, 'UPGRADE_FAILED', 'The WebSocket could not be opened', requestId)
      })
      return
    }
    if (nextUpgrade && pathname.startsWith('/_next/')) return void nextUpgrade(req, socket, head)
    refuseUpgrade(socket, 404, 'NOT_FOUND', 'No WebSocket endpoint here', requestId)
  })

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : env.PORT
  const shownHost = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST
  console.log(`Multibase Studio ready on http://${shownHost}:${port} (${env.NEXT_PUBLIC_IS_PLATFORM ? 'platform' : 'self-hosted'} mode)`)

  installGracefulShutdown(server, db)
}

main().catch((error) => {
  console.error(`Multibase Studio failed to start: ${(error as Error).message}`)
  process.exit(1)
})
