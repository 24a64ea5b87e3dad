import { inject } from 'vitest'

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

/** The URL of the main test Studio (platform mode, HS256 test secret, loopback hosts allowed). */
export const studioUrl = () => inject('studioUrl')

/** A small JSON client for the platform API. */
export async function apiRequest<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; baseUrl?: string; headers?: Record<string, string> } = {}
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let body: string | undefined
  if (options.rawBody !== undefined) body = options.rawBody
  else if (options.body !== undefined) body = JSON.stringify(options.body)
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${options.baseUrl ?? studioUrl()}${path}`, { method, headers, body })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    // keep text
  }
  return { status: response.status, body: parsed as T, headers: response.headers }
}

/** Asserts the one error shape and returns its `error` object. */
export function errorOf(response: ApiResponse): { code: string; message: string; requestId: string; details?: any } {
  const error = response.body?.error
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || typeof error.requestId !== 'string') {
    throw new Error(`Not an error body (status ${response.status}): ${JSON.stringify(response.body)}`)
  }
  if (response.headers.get('x-request-id') !== error.requestId) throw new Error('X-Request-Id does not match the body')
  return error
}
