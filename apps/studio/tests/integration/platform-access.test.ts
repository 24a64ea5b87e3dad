import { randomUUID } from 'node:crypto'

import { beforeAll, describe, expect, it } from 'vitest'

import { errorOf } from '../helpers/api'
import { addConnection, createProject, createUser, type TestProject, type TestUser } from '../helpers/fixtures'

describe('organizations, projects and members', () => {
  it('makes the creator owner of a new organization and lists it', async () => {
    const user = await createUser()
    const created = await user.request('POST', '/api/platform/organizations', { name: 'Acme', slug: `acme-${randomUUID().slice(0, 8)}` })
    expect(created.status).toBe(201)
    expect(created.body.role).toBe('owner')
    const listed = await user.request('GET', '/api/platform/organizations')
    expect(listed.body).toEqual([expect.objectContaining({ id: created.body.id, name: 'Acme', role: 'owner' })])
  })

  it('creates projects only in an organization where the caller is owner or admin', async () => {
    const project = await createProject()
    const [org] = (await project.owner.request('GET', '/api/platform/organizations')).body
    const stranger = await createUser()
    const refused = await stranger.request('POST', '/api/platform/projects', { organizationId: org.id, name: 'x', ref: `x-${randomUUID().slice(0, 8)}` })
    expect(refused.status).toBe(404)
    expect(errorOf(refused).code).toBe('ORGANIZATION_NOT_FOUND')
    const duplicate = await project.owner.request('POST', '/api/platform/projects', { organizationId: org.id, name: 'dup', ref: project.ref })
    expect(duplicate.status).toBe(409)
    const projects = await project.owner.request('GET', '/api/platform/projects')
    expect(projects.body.map((p: { ref: string }) => p.ref)).toEqual([project.ref])
  })

  it('validates input with a clear error', async () => {
    const user = await createUser()
    const response = await user.request('POST', '/api/platform/organizations', { name: '', slug: 'Not A Slug' })
    expect(response.status).toBe(400)
    const error = errorOf(response)
    expect(error.code).toBe('VALIDATION_ERROR')
    expect(error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['name', 'slug'])
  })

  it('manages members and never removes or demotes the last owner', async () => {
    const project = await createProject()
    const base = `/api/platform/projects/${project.ref}/members`
    const dev = await project.member('developer')
    const promoted = await project.owner.request('PATCH', base, { userId: dev.id, role: 'admin' })
    expect(promoted.body.role).toBe('admin')
    const members = await project.owner.request('GET', base)
    expect(members.body.map((m: { user_id: string; role: string }) => [m.user_id, m.role])).toEqual([
      [project.owner.id, 'owner'],
      [dev.id, 'admin'],
    ])
    const demoteLast = await project.owner.request('PATCH', base, { userId: project.owner.id, role: 'developer' })
    expect(demoteLast.status).toBe(400)
    expect(errorOf(demoteLast).code).toBe('LAST_OWNER')
    const removeLast = await dev.request('DELETE', base, { userId: project.owner.id })
    expect(errorOf(removeLast).code).toBe('LAST_OWNER')
    const removed = await project.owner.request('DELETE', base, { userId: dev.id })
    expect(removed.status).toBe(200)
    const gone = await dev.request('GET', `/api/platform/projects/${project.ref}`)
    expect(gone.status).toBe(404)
  })

  it('answers 405 with Allow for an unsupported method', async () => {
    const user = await createUser()
    const response = await user.request('DELETE', '/api/platform/projects')
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, POST')
    expect(errorOf(response).code).toBe('METHOD_NOT_ALLOWED')
  })
})

describe('project isolation and roles', () => {
  let project: TestProject
  let other: TestProject
  let readOnly: TestUser
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    project = await createProject()
    other = await createProject()
    readOnly = await project.member('read_only')
    for (const engine of ['redis', 'mongodb', 'postgres'] as const) ids[engine] = (await addConnection(project, engine)).id
  })

  it('answers 404 to a member of another project, exactly as for a project that does not exist', async () => {
    const foreign = await other.owner.request('GET', `/api/platform/redis/${project.ref}/connections`)
    const missing = await other.owner.request('GET', `/api/platform/redis/no-such-project/connections`)
    expect(foreign.status).toBe(404)
    expect(missing.status).toBe(404)
    expect(errorOf(foreign).code).toBe(errorOf(missing).code)
    expect(errorOf(foreign).message.replace(project.ref, 'X')).toBe(errorOf(missing).message.replace('no-such-project', 'X'))
    const foreignWrite = await other.owner.request('DELETE', `/api/platform/redis/${project.ref}/connections/${ids.redis}`)
    expect(foreignWrite.status).toBe(404)
  })

  it('lets a read_only member read but answers 403 on every write and admin route', async () => {
    expect((await readOnly.request('GET', `/api/platform/redis/${project.ref}/connections`)).status).toBe(200)
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/platform/projects/${project.ref}/members`],
      ['POST', `/api/platform/projects/${project.ref}/members`, { userId: randomUUID(), role: 'owner' }],
      ['PATCH', `/api/platform/projects/${project.ref}/members`, { userId: readOnly.id, role: 'owner' }],
      ['DELETE', `/api/platform/projects/${project.ref}/members`, { userId: project.owner.id }],
      ['GET', `/api/platform/projects/${project.ref}/pool-stats`],
    ]
    for (const engine of ['redis', 'mongodb', 'postgres'] as const) {
      const base = `/api/platform/${engine}/${project.ref}/connections`
      calls.push(
        ['POST', base, { identifier: 'x', host: '127.0.0.1', port: 1 }],
        ['PUT', `${base}/${ids[engine]}`, { identifier: 'renamed' }],
        ['DELETE', `${base}/${ids[engine]}`],
        ['POST', `${base}/${ids[engine]}/test`]
      )
    }
    for (const [method, path, body] of calls) {
      const response = await readOnly.request(method, path, body)
      expect(response.status, `${method} ${path}`).toBe(403)
      expect(errorOf(response).code).toBe('FORBIDDEN')
    }
    const connections = await project.owner.request('GET', `/api/platform/redis/${project.ref}/connections`)
    expect(connections.body).toHaveLength(1)
    expect(connections.body[0].identifier).not.toBe('renamed')
  })

  it('lets a developer write data but not manage connections', async () => {
    const developer = await project.member('developer')
    const response = await developer.request('POST', `/api/platform/redis/${project.ref}/connections`, { identifier: 'y', host: '127.0.0.1', port: 6379 })
    expect(response.status).toBe(403)
  })
})
