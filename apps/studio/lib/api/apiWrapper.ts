import { randomUUID } from 'node:crypto'

import type { NextApiRequest, NextApiResponse } from 'next'
import { ZodError, type ZodType, type ZodTypeDef } from 'zod'

import { logger } from '../logger'
import { apiAuthenticate, type AuthenticatedUser } from './apiAuthenticate'
import { assertRoleAllows, type Permission } from './authorization'
import { DatabaseError, MethodNotAllowedError, toErrorBody, ValidationError } from './database/errors'
import { recordAudit } from './platform/audit'
import { getProjectAccess, type ProjectAccess } from './platform/projects'
import { readJsonBody } from './request-body'

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
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

function requestIdOf(req: NextApiRequest): string {
  const incoming = req.headers['x-request-id']
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

export function toDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
    const first = issues[0]
    return new ValidationError(first ? `${first.path ? first.path + ': ' : ''}${first.message}` : 'Invalid input', { issues })
  }
  return new DatabaseError('Internal error', { status: 500, code: 'INTERNAL_ERROR' })
}

function sendJson(res: NextApiResponse, status: number, body: unknown): void {
  // Plain node:http calls, so handlers run both under Next and under the custom server's router.
  const payload = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(payload))
  res.end(payload)
}

export function sendError(res: NextApiResponse, requestId: string, raw: unknown): DatabaseError {
  const error = toDatabaseError(raw)
  if (error.status >= 500 && !(raw instanceof DatabaseError)) {
    logger.error('unhandled error', { requestId, error: raw instanceof Error ? raw.message : String(raw) })
  }
  if (error instanceof MethodNotAllowedError) res.setHeader('Allow', error.allow.join(', '))
  if (!res.headersSent) sendJson(res, error.status, toErrorBody(error, requestId))
  else res.end()
  return error
}

/**
 * Every API route goes through here: request id, authentication, the project's membership and the
 * method's permission, input validation, dispatch by method, the one error shape, and an audit entry
 * for every data-changing call that got past authorization.
 */
export async function apiWrapper(
  req: NextApiRequest,
  res: NextApiResponse,
  methods: MethodTable,
  options: ApiWrapperOptions = {}
): Promise<void> {
  const requestId = requestIdOf(req)
  res.setHeader('X-Request-Id', requestId)
  res.setHeader('Cache-Control', 'no-store')
  let audit: { user: AuthenticatedUser; access?: ProjectAccess; action: string } | undefined
  try {
    const spec = methods[req.method as HttpMethod]
    if (!spec) throw new MethodNotAllowedError(Object.keys(methods))

    const user =
      options.withAuth === false ? { id: '', local: false } : await apiAuthenticate(req)
    const ref = typeof req.query.ref === 'string' ? req.query.ref : undefined
    const access = ref ? await getProjectAccess(ref, user.id) : undefined
    if (access) assertRoleAllows(access.role, spec.permission)
    if (spec.permission === 'write' || spec.permission === 'admin') {
      audit = { user, access, action: `${req.method} ${routeTemplate(req)}` }
    }

    const query = spec.query ? spec.query.parse(req.query) : req.query
    const body = spec.body ? spec.body.parse(await readJsonBody(req)) : undefined
    const result = await spec.handler({ req, res, requestId, user, access: access as ProjectAccess, query, body })
    if (result !== undefined && !res.headersSent) sendJson(res, spec.status ?? 200, result)
  } catch (raw) {
    sendError(res, requestId, raw)
  } finally {
    if (audit) {
      await recordAudit({
        requestId,
        userId: audit.user.id || null,
        projectId: audit.access?.project.id ?? null,
        action: audit.action,
        target: auditTarget(req),
        status: res.statusCode,
      })
    }
  }
}

/** `/api/platform/redis/[ref]/keys/[key]`-style template of the route (no values). */
function routeTemplate(req: NextApiRequest): string {
  const path = (req.url ?? '').split('?')[0]
  let template = path
  for (const [name, value] of Object.entries(req.query)) {
    if (typeof value !== 'string' || !value) continue
    const encoded = encodeURIComponent(value)
    template = template.replace(`/${encoded}`, `/[${name}]`).replace(`/${value}`, `/[${name}]`)
  }
  return template
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
  return (req: NextApiRequest, res: NextApiResponse) => apiWrapper(req, res, methods, options)
}
