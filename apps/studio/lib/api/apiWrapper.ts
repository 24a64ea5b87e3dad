import type { NextApiRequest, NextApiResponse } from 'next'
import { ZodError, type ZodType, type ZodTypeDef } from 'zod'

import { logger } from '../logger'
import { recordAuthFailure } from '../metrics/registry'
import { noteRequestCaller } from '../server/access-log'
import { routeTemplateOf } from '../server/route-template'
import { apiAuthenticate, type AuthenticatedUser } from './apiAuthenticate'
import { connectionIdOfRoute, engineOfRoute, requestAddress } from './audit-context'
import { assertRoleAllows, type Permission } from './authorization'
import { DatabaseError, MethodNotAllowedError, toErrorBody, ValidationError } from './database/errors'
import { recordAudit } from './platform/audit'
import { getProjectAccess, type ProjectAccess } from './platform/projects'
import { requestIdOf, sendJson, setResponseRequestId } from './http-response'
import { authenticateWithinLimits, limitCaller, limitProject } from './rate-limit/request-limits'
import { tierOf, type RateLimitTier } from './rate-limit/policy'
import { assertPlatformAdmin } from './admin/platform-admin'
import { checkApiRequest } from './request-boundary'
import { recordRequestStat } from './request-stats'
import { getSessionGuard } from './sessions/session-guard'
import { readJsonBody } from './request-body'
import { isSecurityEvent, recordDenial, type RequestPhase } from './security-events'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface ApiContext<Query, Body> {
  req: NextApiRequest
  res: NextApiResponse
  requestId: string
  user: AuthenticatedUser
  /** The project named by the route's `[ref]`, with the caller's role on it. */
  access: ProjectAccess
  query: Query
  body: Body
}

export interface MethodSpec<Query = unknown, Body = unknown> {
  /** read for queries, write for data changes, admin for connection/member management. */
  permission: Permission
  /** Rate-limit tier; by default `read` for read/none and `write` for write/admin permissions. */
  rateLimit?: RateLimitTier
  query?: ZodType<Query, ZodTypeDef, unknown>
  body?: ZodType<Body, ZodTypeDef, unknown>
  /** HTTP status of a success (default 200). */
  status?: number
  /**
   * Returns the JSON body; return `undefined` after writing to `res` yourself (downloads, streams).
   */
  handler: (ctx: ApiContext<Query, Body>) => Promise<unknown>
}

// `any` here lets each method declare its own Query/Body types while the table stays one object.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MethodTable = Partial<Record<HttpMethod, MethodSpec<any, any>>>

export interface ApiWrapperOptions {
  /** false only for public routes (health, version). */
  withAuth?: boolean
  /** Admin console routes: anyone but a platform admin gets the 404 of a path with no route. */
  platformAdmin?: boolean
}

export function toDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
    const first = issues[0]
    return new ValidationError(first ? `${first.path ? first.path + ': ' : ''}${first.message}` : 'Invalid input', { issues })
  }
  // A TypeError, a failed invariant, a driver bug: the caller learns only that it was ours.
  return new DatabaseError('Internal error', { status: 500, code: 'INTERNAL_ERROR' })
}

export function sendError(res: NextApiResponse, requestId: string, raw: unknown): DatabaseError {
  const error = toDatabaseError(raw)
  if (error.status >= 500 && !(raw instanceof DatabaseError)) {
    // The stack goes to the log (redacted like every line), never into the response.
    logger.error('unhandled error', {
      requestId,
      error: raw instanceof Error ? `${raw.name}: ${raw.message}` : String(raw),
      stack: raw instanceof Error ? raw.stack : undefined,
    })
  }
  if (error instanceof MethodNotAllowedError) res.setHeader('Allow', error.allow.join(', '))
  if (error.retryAfterSeconds !== undefined && !res.headersSent) res.setHeader('Retry-After', String(error.retryAfterSeconds))
  if (!res.headersSent) sendJson(res, error.status, toErrorBody(error, requestId), requestId)
  else res.end()
  return error
}

/**
 * Every API route goes through here: the trust boundary (host, origin, media type), request id,
 * authentication, the project's membership and the method's permission, input validation, dispatch
 * by method, the one error shape, an audit entry for every data-changing call that got past
 * authorization, and a security event for every denial.
 */
export async function apiWrapper(
  req: NextApiRequest,
  res: NextApiResponse,
  methods: MethodTable,
  options: ApiWrapperOptions = {}
): Promise<void> {
  const requestId = requestIdOf(req)
  const startedAt = performance.now()
  // The security headers and X-Request-Id go out with the status line in one writeHead (sendJson,
  // writeApiHead), not as a setHeader per header on every call.
  setResponseRequestId(res, requestId)
  const route = routeTemplateOf(req)
  const ref = typeof req.query.ref === 'string' ? req.query.ref : undefined
  let phase: RequestPhase = 'boundary'
  let user: AuthenticatedUser | undefined
  let access: ProjectAccess | undefined
  let audit: { kind: 'data' | 'admin' } | undefined
  // Written before the answer goes out, so a client that saw its change succeed can already read the row.
  const writeAudit = async (status: number) => {
    if (!audit || !user) return
    const entry = audit
    audit = undefined
    await recordAudit({
      requestId,
      userId: user.id || null,
      userEmail: user.email ?? null,
      tokenKind: tokenKindOf(user),
      ip: requestAddress(req),
      projectId: access?.project.id ?? null,
      action: `${req.method} ${route}`,
      route,
      engine: engineOfRoute(route),
      connectionId: connectionIdOfRoute(route, req.query),
      kind: entry.kind,
      target: auditTarget(req),
      status,
    })
  }
  try {
    checkApiRequest(req)
    const spec = methods[req.method as HttpMethod]
    if (!spec) throw new MethodNotAllowedError(Object.keys(methods))

    phase = 'authentication'
    user = options.withAuth === false ? { id: '', local: false } : await authenticateWithinLimits(req, res, () => apiAuthenticate(req))
    await getSessionGuard().check(user, req)
    noteRequestCaller(req, { userId: user.id, projectRef: ref })
    phase = 'access'
    if (options.platformAdmin) assertPlatformAdmin(user)
    const tier = tierOf(spec.permission, spec.rateLimit)
    // Counted before the project lookup, so a stranger's flood of 404s is limited too.
    await limitCaller(req, res, tier, user.id)
    access = ref ? await getProjectAccess(ref, user.id) : undefined
    if (access) assertRoleAllows(access.role, spec.permission)
    if (access) await limitProject(res, tier, access.project.id)
    // Changes are audited; an admin's read (members, the audit log itself) changes nothing.
    if (req.method !== 'GET' && (spec.permission === 'write' || spec.permission === 'admin')) {
      audit = { kind: spec.permission === 'admin' ? 'admin' : 'data' }
    }

    phase = 'handler'
    const query = spec.query ? spec.query.parse(req.query) : req.query
    const body = spec.body ? spec.body.parse(await readJsonBody(req)) : undefined
    const result = await spec.handler({ req, res, requestId, user, access: access as ProjectAccess, query, body })
    if (result !== undefined && !res.headersSent) {
      await writeAudit(spec.status ?? 200)
      sendJson(res, spec.status ?? 200, result, requestId)
    }
  } catch (raw) {
    const error = toDatabaseError(raw)
    if (phase === 'authentication') recordAuthFailure(error.code)
    if (!res.headersSent) await writeAudit(error.status)
    // Recorded before the answer goes out, so a client that sees the refusal can already read it.
    if (isSecurityEvent(error, phase)) {
      await recordDenial(req, error, {
        requestId,
        action: `${req.method} ${route}`,
        route,
        userId: user?.id,
        userEmail: user?.email,
        tokenKind: user ? tokenKindOf(user) : undefined,
        query: req.query,
        projectId: access?.project.id,
        projectRef: ref,
        target: auditTarget(req),
      })
    }
    sendError(res, requestId, raw)
  } finally {
    recordRequestStat(route, ref, res.statusCode, performance.now() - startedAt)
    // Handlers that wrote the response themselves (downloads, streams) are audited once it is out.
    await writeAudit(res.statusCode)
  }
}

function tokenKindOf(user: AuthenticatedUser): 'user' | 'local' {
  return user.local ? 'local' : 'user'
}

/** The path parameters of the call (ref, ids, key names), never the body. */
function auditTarget(req: NextApiRequest): string {
  const params: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.query)) {
    if (typeof value === 'string' && (name === 'ref' || name === 'id' || name === 'key' || name === 'db' || name === 'coll' || name === 'name' || name === 'connectionId')) {
      params[name] = value.length > 200 ? value.slice(0, 200) + '…' : value
    }
  }
  return JSON.stringify(params)
}

/** A Next API route from a method table: `export default apiRoute({ GET: {...}, POST: {...} })`. */
export function apiRoute(methods: MethodTable, options?: ApiWrapperOptions) {
  const route = (req: NextApiRequest, res: NextApiResponse) => apiWrapper(req, res, methods, options)
  // Kept on the handler so the OpenAPI registry can be checked against what the route really accepts.
  return Object.assign(route, { methods })
}
