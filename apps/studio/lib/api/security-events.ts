import type { IncomingMessage } from 'node:http'

import { connectionIdOfRoute, engineOfRoute, requestAddress } from './audit-context'
import type { DatabaseError } from './database/errors'
import { recordSecurityEvent } from './platform/audit'

/** Where in a request an error arose; a 404 is a denial only when the project lookup gave it. */
export type RequestPhase = 'boundary' | 'authentication' | 'access' | 'handler'

const DENIAL_STATUSES = new Set([401, 403, 415, 421])
// A rate-limit refusal is a security event too: a flood is worth seeing in the audit log (coalesced).
const SECURITY_CODES = new Set(['AUTH_UNAVAILABLE', 'SECRET_TAMPERED', 'ORIGIN_NOT_ALLOWED', 'MISDIRECTED_HOST', 'RATE_LIMITED'])

/** Denials and integrity failures become `security` rows of the audit log. */
export function isSecurityEvent(error: DatabaseError, phase: RequestPhase): boolean {
  if (DENIAL_STATUSES.has(error.status) || SECURITY_CODES.has(error.code)) return true
  return error.status === 404 && phase === 'access'
}

export interface DenialContext {
  requestId: string
  action: string
  route?: string
  userId?: string
  userEmail?: string
  tokenKind?: 'user' | 'local'
  /** The parsed query of the request (path parameters included), for the connection it aimed at. */
  query?: Record<string, unknown>
  projectId?: string
  projectRef?: string
  target?: string
}

export function recordDenial(req: IncomingMessage, error: DatabaseError, context: DenialContext): Promise<void> {
  return recordSecurityEvent({
    requestId: context.requestId,
    code: error.code,
    status: error.status,
    action: context.action,
    route: context.route ?? null,
    ip: requestAddress(req),
    userId: context.userId || null,
    userEmail: context.userEmail ?? null,
    tokenKind: context.tokenKind ?? null,
    engine: context.route ? engineOfRoute(context.route) : null,
    connectionId: context.route && context.query ? connectionIdOfRoute(context.route, context.query) : null,
    projectId: context.projectId ?? null,
    projectRef: context.projectRef ?? null,
    target: context.target,
  })
}
