import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'

import { PUBSUB_PROTOCOL, PUBSUB_TOKEN_PROTOCOL_PREFIX, redisPubSubSubscribeQuerySchema } from '@multibase/api-contracts'
import { WebSocketServer } from 'ws'

import { registerWebSocketRoute, refuseUpgrade } from '../../../../server/websocket-routes'
import { apiAuthenticate, type AuthenticatedUser } from '../../../apiAuthenticate'
import { toDatabaseError } from '../../../apiWrapper'
import { assertRoleAllows } from '../../../authorization'
import { getDatabaseConnection } from '../../../platform/connections'
import { getProjectAccess } from '../../../platform/projects'
import { authenticateWithinLimits } from '../../../rate-limit/request-limits'
import { acquireSocketLease, type SocketLease } from '../../../rate-limit/socket-leases'
import { checkUpgradeRequest } from '../../../request-boundary'
import { isSecurityEvent, recordDenial, type RequestPhase } from '../../../security-events'
import { AuthenticationError, ValidationError } from '../../errors'
import { getPubSubGateway } from './gateway'

const SUBSCRIBE_PATH = /^\/api\/platform\/redis\/([^/]+)\/pubsub\/subscribe\/?$/
/** Client messages are small JSON commands. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024

const webSockets = new WebSocketServer({
  noServer: true,
  maxPayload: MAX_CLIENT_MESSAGE_BYTES,
  perMessageDeflate: false,
  // Answer with our protocol only: the token entry the client offered is never echoed back.
  handleProtocols: (protocols) => (protocols.has(PUBSUB_PROTOCOL) ? PUBSUB_PROTOCOL : false),
})

function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter(Boolean)
}

/**
 * A browser cannot set Authorization on a WebSocket, so the access token is offered as a protocol
 * `base64url.bearer.<base64url(token)>` next to `multibase.pubsub.v1` — never in the URL, which ends up
 * in logs and history. Non-browser clients may send a plain Authorization header instead.
 */
function tokenFromProtocols(protocols: string[]): string | undefined {
  const entry = protocols.find((protocol) => protocol.startsWith(PUBSUB_TOKEN_PROTOCOL_PREFIX))
  if (!entry) return undefined
  const token = Buffer.from(entry.slice(PUBSUB_TOKEN_PROTOCOL_PREFIX.length), 'base64url').toString('utf8')
  if (!token) throw new AuthenticationError('The bearer protocol entry is empty', 'INVALID_TOKEN')
  return token
}

/**
 * `GET /api/platform/redis/[ref]/pubsub/subscribe` (WebSocket). Authenticated and authorized like any
 * route (read permission: read_only members may watch), on the project's connection (`?connectionId=`
 * else its primary Redis), with the shared subscriber connected — all before the 101; any failure is
 * answered with the API's error body and no upgrade.
 */
async function handleSubscribeUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, [ref]: string[]): Promise<void> {
  const requestId = randomUUID()
  let phase: RequestPhase = 'boundary'
  let user: AuthenticatedUser | undefined
  let lease: SocketLease | undefined
  try {
    // The same boundary as every HTTP route (server.ts checked it too; this route must not rely on that).
    checkUpgradeRequest(req)
    const protocols = offeredProtocols(req)
    if (!protocols.includes(PUBSUB_PROTOCOL)) {
      throw new ValidationError(`Offer the WebSocket protocol "${PUBSUB_PROTOCOL}"`, undefined, 'PROTOCOL_REQUIRED')
    }
    const token = tokenFromProtocols(protocols)
    phase = 'authentication'
    user = await authenticateWithinLimits(req, undefined, () => apiAuthenticate(req, token))
    phase = 'access'
    const access = await getProjectAccess(ref, user.id)
    assertRoleAllows(access.role, 'read')
    phase = 'handler'
    const url = new URL(req.url ?? '/', 'http://localhost')
    const { connectionId, ...limits } = redisPubSubSubscribeQuerySchema.parse(Object.fromEntries(url.searchParams))
    // Before the subscriber exists, so a refused upgrade leaves nothing open.
    lease = await acquireSocketLease(user.id)
    const row = await getDatabaseConnection(access.project, 'redis', connectionId)
    const gateway = getPubSubGateway()
    const subscriber = await gateway.subscriberFor(access.project, row)
    const grant = {
      ref,
      userId: user.id,
      projectId: access.project.id,
      organizationId: access.project.organizationId,
      connectionId: row.id,
      connectionVersion: new Date(row.updated_at).toISOString(),
    }
    // The token's expiry closes the socket however the token came (protocol entry or Authorization header).
    const expiresAt = user.expiresAt
    // The raw socket closes however the WebSocket ends (or ws refuses the handshake), freeing the slot.
    socket.once('close', () => void lease?.release())
    webSockets.handleUpgrade(req, socket, head, (ws) => gateway.attach(subscriber, ws, limits, grant, expiresAt))
    // ws refuses a malformed handshake itself (synchronously); a subscriber nobody joined is closed.
    if (subscriber.viewers.size === 0) subscriber.close()
  } catch (raw) {
    await lease?.release()
    const error = toDatabaseError(raw)
    if (isSecurityEvent(error, phase)) {
      const route = '/api/platform/redis/[ref]/pubsub/subscribe'
      await recordDenial(req, error, {
        requestId,
        action: `UPGRADE ${route}`,
        route,
        userId: user?.id,
        userEmail: user?.email,
        projectRef: ref,
      })
    }
    const retryAfter = error.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(error.retryAfterSeconds) }
    refuseUpgrade(socket, error.status, error.code, error.message, requestId, retryAfter)
  }
}

export function registerRedisPubSubRoute(): void {
  registerWebSocketRoute({ pattern: SUBSCRIBE_PATH, handleUpgrade: handleSubscribeUpgrade })
}

export function stopRedisPubSub(): void {
  getPubSubGateway().closeAll()
}
