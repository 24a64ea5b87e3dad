import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApiRouter } from '../../lib/server/api-router'
import { routeTemplateOf } from '../../lib/server/route-template'

/** A pages/api tree of empty route files; the router only reads their paths (handlers come from `load`). */
function routeTree(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'api-router-'))
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), 'export default () => undefined\n')
  }
  return dir
}

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function tree(files: string[]): string {
  const dir = routeTree(files)
  dirs.push(dir)
  return dir
}

describe('createApiRouter over a real HTTP server', () => {
  let server: Server
  let base: string

  beforeAll(async () => {
    const dir = tree([
      'health.ts',
      'platform/redis/[ref]/keys/index.ts',
      'platform/redis/[ref]/keys/[key]/index.ts',
      'platform/redis/[ref]/keys/[key]/expire.ts',
      'platform/redis/[ref]/keys/bulk-delete.ts',
    ])
    // Each "handler" answers with what the router gave it: the file, the merged query and the template.
    const router = createApiRouter(dir, {
      load: (file) => (req: IncomingMessage, res: ServerResponse) => {
        res.setHeader('content-type', 'application/json')
        res.end(
          JSON.stringify({
            file: path.relative(dir, file),
            query: (req as IncomingMessage & { query: unknown }).query,
            template: routeTemplateOf(req),
          })
        )
      },
    })
    server = createServer((req, res) => {
      if (!router(req, res)) res.end('not api')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const get = async (pathname: string) => {
    const response = await fetch(base + pathname)
    return { status: response.status, headers: response.headers, body: await response.json().catch(() => undefined) }
  }

  it('prefers a static segment over a dynamic one', async () => {
    const { body } = await get('/api/platform/redis/p1/keys/bulk-delete')
    expect(body.file).toBe('platform/redis/[ref]/keys/bulk-delete.ts')
    expect(body.template).toBe('/api/platform/redis/[ref]/keys/bulk-delete')
  })

  it('puts the matched file template on the request, whatever the values and query say', async () => {
    const { body } = await get('/api/platform/redis/api/keys/%5Bref%5D/expire?x=api&ref=other')
    expect(body.file).toBe('platform/redis/[ref]/keys/[key]/expire.ts')
    expect(body.template).toBe('/api/platform/redis/[ref]/keys/[key]/expire')
    // Path parameters win over search parameters of the same name.
    expect(body.query).toEqual({ x: 'api', ref: 'api', key: '[ref]' })
  })

  it('decodes percent-encoded path parameters once', async () => {
    const { body } = await get('/api/platform/redis/p1/keys/a%2Fb%25c%20d')
    expect(body.query.key).toBe('a/b%c d')
    expect(body.template).toBe('/api/platform/redis/[ref]/keys/[key]')
  })

  it('answers malformed percent-encoding and NUL bytes with the JSON error body', async () => {
    for (const pathname of ['/api/platform/redis/p1/keys/%E0%A4%A', '/api/platform/redis/p1/keys/a%00b']) {
      const response = await get(pathname)
      expect(response.status).toBe(400)
      expect(response.body.error.code).toBe('MALFORMED_PATH')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-request-id')).toBe(response.body.error.requestId)
    }
  })

  it('answers an unknown /api path with a JSON 404 and the security headers', async () => {
    const response = await get('/api/platform/nothing/here')
    expect(response.status).toBe(404)
    expect(response.body.error).toMatchObject({ code: 'NOT_FOUND' })
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('leaves non-API paths to the page handler', async () => {
    const response = await fetch(base + '/project/default')
    expect(await response.text()).toBe('not api')
  })
})

describe('createApiRouter refuses route shapes it cannot match like Next', () => {
  it.each([
    ['a catch-all', ['platform/[...slug].ts']],
    ['an optional catch-all', ['platform/[[...slug]].ts']],
    ['a segment mixing text and a parameter', ['platform/key-[id].ts']],
    ['a parameter named twice', ['platform/[ref]/keys/[ref].ts']],
    ['two files matching the same paths', ['platform/[a]/x.ts', 'platform/[b]/x.ts']],
  ])('%s', (_name, files) => {
    expect(() => createApiRouter(tree(files), { load: () => () => undefined })).toThrow(/API route/)
  })
})
