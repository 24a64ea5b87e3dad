import { randomUUID } from 'node:crypto'

import { apiRequest, type ApiResponse } from './api'
import { mongodbEndpoint, postgresEndpoint, redisEndpoint } from './services'
import { mintToken } from './tokens'

export type Role = 'owner' | 'admin' | 'developer' | 'read_only'

export interface TestUser {
  id: string
  token: string
  request<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>
}

export async function createUser(): Promise<TestUser> {
  const id = randomUUID()
  const token = await mintToken({ sub: id })
  return { id, token, request: (method, path, body) => apiRequest(method, path, { token, body }) }
}

export interface TestProject {
  ref: string
  owner: TestUser
  /** A member of this project with the given role. */
  member(role: Role): Promise<TestUser>
}

const shortId = () => randomUUID().replace(/-/g, '').slice(0, 12)

/** A fresh organization and project owned by a fresh user, through the API. */
export async function createProject(): Promise<TestProject> {
  const owner = await createUser()
  const slug = `org-${shortId()}`
  const org = await owner.request('POST', '/api/platform/organizations', { name: `Org ${slug}`, slug })
  if (org.status !== 201) throw new Error(`organization: ${JSON.stringify(org.body)}`)
  const ref = `p-${shortId()}`
  const project = await owner.request('POST', '/api/platform/projects', { organizationId: org.body.id, name: ref, ref })
  if (project.status !== 201) throw new Error(`project: ${JSON.stringify(project.body)}`)
  return {
    ref,
    owner,
    async member(role) {
      const user = await createUser()
      const added = await owner.request('POST', `/api/platform/projects/${ref}/members`, { userId: user.id, role })
      if (added.status !== 201) throw new Error(`member: ${JSON.stringify(added.body)}`)
      return user
    },
  }
}

export type Engine = 'redis' | 'mongodb' | 'postgres'

/** Registers the suite's real server of this engine as the project's (primary) connection. */
export async function addConnection(
  project: TestProject,
  engine: Engine,
  overrides: Record<string, unknown> = {}
): Promise<{ id: string; [key: string]: unknown }> {
  const endpoint = engine === 'redis' ? redisEndpoint() : engine === 'mongodb' ? mongodbEndpoint() : postgresEndpoint()
  const body = {
    identifier: `${engine}-${shortId()}`,
    host: endpoint.host,
    port: endpoint.port,
    ...(endpoint.username ? { username: endpoint.username } : {}),
    ...(endpoint.password ? { password: endpoint.password } : {}),
    ...(engine === 'postgres' && endpoint.database ? { options: { database: endpoint.database } } : {}),
    ...overrides,
  }
  const created = await project.owner.request('POST', `/api/platform/${engine}/${project.ref}/connections`, body)
  if (created.status !== 201) throw new Error(`connection: ${JSON.stringify(created.body)}`)
  return created.body
}
