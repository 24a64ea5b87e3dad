import { errorBodySchema, parseJsonKeepingRaw, stringifyJson, type JsonPath } from '@multibase/api-contracts'
import type { ZodType, ZodTypeDef } from 'zod'

/**
 * The one error type of the UI: every failed API call, whatever its route, becomes this, with the
 * server's `code` and `requestId` so a toast or an inline message can show them.
 */
export class ResponseError extends Error {
  readonly code: string
  readonly requestId: string | undefined
  readonly status: number
  readonly details: Record<string, unknown> | undefined

  constructor(message: string, options: { code: string; status: number; requestId?: string; details?: Record<string, unknown> }) {
    super(message)
    this.name = 'ResponseError'
    this.code = options.code
    this.status = options.status
    this.requestId = options.requestId
    this.details = options.details
  }
}

type AccessTokenProvider = () => Promise<string | undefined>

let accessTokenProvider: AccessTokenProvider | undefined
let announceProvider: () => void = () => undefined
/**
 * Settles once the auth layer knows the mode and the stored session. An authenticated call made
 * before that (a hook on a page that renders outside AuthGuard) waits for it instead of going out
 * without a token, whose 401 would end a perfectly good session.
 */
const providerRegistered = new Promise<void>((resolve) => {
  announceProvider = resolve
})

/** The auth layer registers how to read the current session's access token (undefined: self-hosted). */
export function setAccessTokenProvider(provider: AccessTokenProvider) {
  accessTokenProvider = provider
  announceProvider()
}

let onUnauthorized: () => void = () => undefined

/** The auth layer's reaction to a 401 on an authenticated call (the session is no longer accepted). */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler
}

/**
 * The current access token (undefined in self-hosted mode), for what cannot go through apiFetch: a
 * WebSocket offers it as a `Sec-WebSocket-Protocol` entry, a download link as a header of its fetch.
 */
export async function getAccessToken(): Promise<string | undefined> {
  await providerRegistered
  return accessTokenProvider?.()
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>
  /** Validates the response body; the hook's data type comes from it. */
  schema?: ZodType<T, ZodTypeDef, unknown>
  signal?: AbortSignal
  /** false for the public routes read before anyone signs in. */
  withAuth?: boolean
  /**
   * Values whose exact JSON text matters (Postgres cells): those at these paths of the answer come
   * back as RawJson, and any RawJson in the body is sent as its text (see json-text.ts).
   */
  keepRaw?: (path: JsonPath) => boolean
}

export function buildUrl(path: string, query?: RequestOptions<unknown>['query']): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value))
  }
  const search = params.toString()
  return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path
}

/**
 * The only way the UI calls the Studio's API: adds the bearer token, sends JSON, turns every failure
 * (HTTP error, network error, a body that does not match its schema) into a ResponseError.
 */
export async function apiFetch<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.withAuth !== false) {
    const token = await getAccessToken()
    if (token) headers.authorization = `Bearer ${token}`
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json'

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : options.keepRaw ? stringifyJson(options.body) : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ResponseError('The Studio server could not be reached', { code: 'NETWORK_ERROR', status: 0 })
  }

  const text = await response.text()
  let json: unknown
  try {
    json = text ? (options.keepRaw && response.ok ? parseJsonKeepingRaw(text, options.keepRaw) : JSON.parse(text)) : undefined
  } catch {
    json = undefined
  }

  if (!response.ok) {
    if (response.status === 401 && options.withAuth !== false) onUnauthorized()
    const parsed = errorBodySchema.safeParse(json)
    if (parsed.success) {
      const { code, message, requestId, details } = parsed.data.error
      throw new ResponseError(message, { code, status: response.status, requestId, details })
    }
    throw new ResponseError(`Request failed with status ${response.status}`, {
      code: 'HTTP_ERROR',
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? undefined,
    })
  }

  if (!options.schema) return json as T
  const parsed = options.schema.safeParse(json)
  if (!parsed.success) {
    throw new ResponseError('The server answered with an unexpected response', {
      code: 'UNEXPECTED_RESPONSE',
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? undefined,
    })
  }
  return parsed.data
}

export const get = <T>(path: string, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) => apiFetch<T>(path, { ...options, method: 'GET' })
export const post = <T>(path: string, body?: unknown, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) => apiFetch<T>(path, { ...options, method: 'POST', body })
export const put = <T>(path: string, body?: unknown, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) => apiFetch<T>(path, { ...options, method: 'PUT', body })
export const patch = <T>(path: string, body?: unknown, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) => apiFetch<T>(path, { ...options, method: 'PATCH', body })
export const del = <T>(path: string, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) => apiFetch<T>(path, { ...options, method: 'DELETE' })
