import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import path from 'node:path'

import next from 'next'

import { checkDashboardBasicAuth } from './lib/api/apiAuthenticate'
import { AuthenticationError, DatabaseError, ValidationError } from './lib/api/database/errors'
import { rawErrorResponse, requestIdOf, sendApiError } from './lib/api/http-response'
import { boundaryConfigFromEnv, checkHost, checkUpgradeRequest, isLoopbackHostname } from './lib/api/request-boundary'
import { isSecurityEvent, recordDenial } from './lib/api/security-events'
import { ensureSelfHostedDefaults } from './lib/api/platform/bootstrap'
import { getPlatformDatabase } from './lib/api/platform/database'
import { getKeyring } from './lib/api/platform/encryption'
import { applyMigrations } from './lib/api/platform/migrations'
import { getEnv } from './lib/env'
import { logger } from './lib/logger'
import { observeRequest } from './lib/server/access-log'
import { createApiRouter } from './lib/server/api-router'
import { installGracefulShutdown } from './lib/server/graceful-shutdown'
import { isDraining, trackRequest } from './lib/server/lifecycle'
import { matchWebSocketRoute, refuseUpgrade } from './lib/server/websocket-routes'
import { registerScrapeCollectors } from './lib/metrics/collectors'
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
  if (!env.NEXT_PUBLIC_IS_PLATFORM && !isLoopbackHostname(env.HOST) && env.ALLOWED_HOSTNAMES.length === 0) {
    // Browsers reaching it by another name (a LAN address, a DNS name) get 421 until it is listed.
    logger.warn('self-hosted Studio listens beyond loopback; only loopback Host names are answered', {
      hint: 'set ALLOWED_HOSTNAMES to the names you browse to',
    })
  }
  getKeyring() // fails fast on a malformed or missing ENCRYPTION_KEYS
}

/** The project a path names (`/api/platform/<engine>/<ref>/…`, `/project/<ref>/…`), for security events. */
function refOfPath(pathname: string): string | undefined {
  const match = /^\/(?:api\/platform\/(?:redis|mongodb|pg-meta|postgres|projects)|project)\/([^/]+)/.exec(pathname)
  return match?.[1]
}

/** A request refused before any route ran: the JSON error body, and a security event. */
async function refuseRequest(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  error: DatabaseError
): Promise<void> {
  const pathname = (req.url ?? '').split('?')[0]
  await recordDenial(req, error, {
    requestId,
    action: `${req.method} ${pathname.startsWith('/api') ? pathname.slice(0, 200) : 'PAGE'}`,
    projectRef: refOfPath(pathname),
  })
  sendApiError(res, requestId, error)
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
    observeRequest(req, res)
    const requestId = requestIdOf(req)
    try {
      // Every request, pages included: a DNS-rebound name must not even load the UI's HTML.
      checkHost(req, boundaryConfigFromEnv())
    } catch (error) {
      return void refuseRequest(req, res, requestId, error as DatabaseError)
    }
    // Load balancers probe /api/health without credentials; it reveals only up/down.
    const isHealthCheck = req.url === '/api/health'
    if (!isHealthCheck && !checkDashboardBasicAuth(req)) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Multibase Studio"')
      return void refuseRequest(req, res, requestId, new AuthenticationError('Dashboard credentials required'))
    }
    if (!routeApi(req, res)) void handle(req, res)
  })

  // Requests node's parser refuses before any 'request' event (headers too large, bad syntax) still
  // get the API's JSON error body rather than a bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
    socket.end(
      tooLarge
        ? rawErrorResponse(431, 'HEADERS_TOO_LARGE', 'Request headers are too large', randomUUID())
        : rawErrorResponse(400, 'BAD_REQUEST', 'The request could not be parsed', randomUUID())
    )
  })

  server.on('upgrade', (req, socket, head) => {
    const requestId = randomUUID()
    let pathname = ''
    let match: ReturnType<typeof matchWebSocketRoute>
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname
      checkUpgradeRequest(req)
      if (isDraining()) throw new DatabaseError('This Studio instance is shutting down', { status: 503, code: 'DRAINING' })
      if (!checkDashboardBasicAuth(req)) throw new AuthenticationError('Dashboard credentials required')
      match = matchWebSocketRoute(pathname)
    } catch (raw) {
      const error =
        raw instanceof DatabaseError
          ? raw
          : new ValidationError('The request path is malformed', undefined, 'MALFORMED_PATH')
      if (isSecurityEvent(error, 'boundary')) {
        void recordDenial(req, error, {
          requestId,
          action: `UPGRADE ${pathname.slice(0, 200)}`,
          projectRef: refOfPath(pathname),
        })
      }
      return refuseUpgrade(socket, error.status, error.code, error.message, requestId)
    }
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

  registerScrapeCollectors()
  installGracefulShutdown(server, db)
}

main().catch((error) => {
  console.error(`Multibase Studio failed to start: ${(error as Error).message}`)
  process.exit(1)
})
