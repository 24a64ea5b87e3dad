import { randomUUID } from 'node:crypto'

import { apiRequest, type ApiResponse } from './api'
import { redisEndpoint } from './services'
import { mintToken } from './tokens'

/** Small limits over a short window, for Studios a rate-limit test starts itself. */
export const LIMITED_ENV = {
  RATE_LIMIT_WINDOW_SECONDS: '5',
  RATE_LIMIT_READ_PER_MIN: '30',
  RATE_LIMIT_WRITE_PER_MIN: '6',
  RATE_LIMIT_EXPENSIVE_PER_MIN: '3',
  RATE_LIMIT_EXPENSIVE_PROJECT_PER_MIN: '4',
  RATE_LIMIT_AUTH_FAILURES_PER_MIN: '5',
  RATE_LIMIT_WEBSOCKETS_PER_USER: '3',
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits out a refusal the way a well-behaved client does: the seconds Retry-After names. */
export async function honourRetryAfter(response: ApiResponse): Promise<void> {
  const seconds = Number(response.headers.get('retry-after'))
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`no Retry-After on ${response.status}`)
  await sleep(seconds * 1000)
}

export interface LimitedUser {
  id: string
  token: string
  request(method: string, path: string, options?: { body?: unknown; baseUrl?: string }): Promise<ApiResponse>
}

export async function limitedUser(baseUrl: string): Promise<LimitedUser> {
  const id = randomUUID()
  const token = await mintToken({ sub: id })
  return {
    id,
    token,
    request: (method, path, options = {}) => apiRequest(method, path, { token, body: options.body, baseUrl: options.baseUrl ?? baseUrl }),
  }
}

/** Set-up calls must not fail on the limits under test: a 429 is waited out and retried. */
async function patiently(call: () => Promise<ApiResponse>): Promise<ApiResponse> {
  for (;;) {
    const response = await call()
    if (response.status !== 429) return response
    await honourRetryAfter(response)
  }
}

export interface LimitedProject {
  ref: string
  owner: LimitedUser
  connectionId: string
  member(role: 'admin' | 'developer' | 'read_only'): Promise<LimitedUser>
}

/** An organization, project and Redis connection (the suite's Redis) owned by a fresh user. */
export async function limitedProject(baseUrl: string): Promise<LimitedProject> {
  const owner = await limitedUser(baseUrl)
  const slug = `rl-${randomUUID().slice(0, 8)}`
  const org = await patiently(() => owner.request('POST', '/api/platform/organizations', { body: { name: slug, slug } }))
  if (org.status !== 201) throw new Error(`organization: ${JSON.stringify(org.body)}`)
  const project = await patiently(() =>
    owner.request('POST', '/api/platform/projects', { body: { organizationId: org.body.id, name: slug, ref: slug } })
  )
  if (project.status !== 201) throw new Error(`project: ${JSON.stringify(project.body)}`)
  const endpoint = redisEndpoint()
  const connection = await patiently(() =>
    owner.request('POST', `/api/platform/redis/${slug}/connections`, {
      body: { identifier: 'redis', host: endpoint.host, port: endpoint.port, ...(endpoint.password ? { password: endpoint.password } : {}) },
    })
  )
  if (connection.status !== 201) throw new Error(`connection: ${JSON.stringify(connection.body)}`)
  return {
    ref: slug,
    owner,
    connectionId: connection.body.id,
    async member(role) {
      const user = await limitedUser(baseUrl)
      const added = await patiently(() => owner.request('POST', `/api/platform/projects/${slug}/members`, { body: { userId: user.id, role } }))
      if (added.status !== 201) throw new Error(`member: ${JSON.stringify(added.body)}`)
      return user
    },
  }
}

export const statusesOf = (responses: ApiResponse[]) => responses.map((response) => response.status)
export const countOf = (responses: ApiResponse[], status: number) => responses.filter((response) => response.status === status).length
