import { readFileSync } from 'node:fs'
import path from 'node:path'

import { validate } from '@readme/openapi-parser'
import { describe, expect, it } from 'vitest'

import type { MethodTable } from '../../lib/api/apiWrapper'
import { getOpenApiDocument, toOpenApiPath } from '../../lib/api/openapi/document'
import { API_ROUTES } from '../../lib/api/openapi/registry'
import { listApiRoutes } from '../../lib/server/api-router'

const studioDir = path.resolve(__dirname, '../..')
const routes = listApiRoutes(path.join(studioDir, 'pages/api'))
const relative = (file: string) => path.relative(studioDir, file)

/**
 * The route registry (lib/api/openapi/registry.ts) must describe every route file the router serves,
 * with exactly the methods, success status and inputs the route declares. A new route fails here by
 * name until it has its entry.
 */
describe('OpenAPI registry covers pages/api', () => {
  it('has an entry for every route file', () => {
    const missing = routes
      .filter((route) => !API_ROUTES[route.template])
      .map((route) => `${route.template} (${relative(route.file)}) has no description in API_ROUTES of lib/api/openapi/registry.ts`)
    expect(missing).toEqual([])
  })

  it('describes no route that does not exist', () => {
    const templates = new Set(routes.map((route) => route.template))
    const stale = Object.keys(API_ROUTES).filter((template) => !templates.has(template)).map((template) => `${template} is described but no file under pages/api serves it`)
    expect(stale).toEqual([])
  })

  it("matches each route's methods, status, query and body", async () => {
    const mismatches: string[] = []
    for (const route of routes) {
      const doc = API_ROUTES[route.template]
      if (!doc) continue
      const module = (await import(route.file)) as { default: { methods?: MethodTable } }
      const methods = module.default.methods
      if (!methods) {
        mismatches.push(`${route.template}: its default export is not an apiRoute(...)`)
        continue
      }
      const served = Object.keys(methods).sort()
      const described = Object.keys(doc).sort()
      if (served.join() !== described.join()) {
        mismatches.push(`${route.template}: serves ${served.join(', ')} but the registry describes ${described.join(', ') || 'none'}`)
        continue
      }
      for (const method of served as Array<keyof MethodTable>) {
        const spec = methods[method]!
        const op = doc[method]!
        if ((spec.status ?? 200) !== (op.status ?? 200)) mismatches.push(`${method} ${route.template}: status ${spec.status ?? 200}, described ${op.status ?? 200}`)
        if (Boolean(spec.body) !== Boolean(op.body)) mismatches.push(`${method} ${route.template}: body ${spec.body ? 'taken' : 'not taken'} but described ${op.body ? 'with' : 'without'} one`)
        if (Boolean(spec.query) !== Boolean(op.query)) mismatches.push(`${method} ${route.template}: query schema ${spec.query ? 'declared' : 'absent'} but described ${op.query ? 'with' : 'without'} one`)
        if (op.permission !== 'metrics-token' && spec.permission !== op.permission) mismatches.push(`${method} ${route.template}: permission ${spec.permission}, described ${op.permission}`)
      }
    }
    expect(mismatches).toEqual([])
  })
})

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = structuredClone(getOpenApiDocument())
    const result = await validate(document as Parameters<typeof validate>[0])
    expect(result.valid ? [] : result.errors).toEqual([])
    expect(document.openapi).toBe('3.1.0')
  })

  it('lists every route file with a summary for each method', () => {
    const paths = getOpenApiDocument().paths ?? {}
    const missing = routes
      .filter((route) => !paths[toOpenApiPath(route.template)])
      .map((route) => `${toOpenApiPath(route.template)} is missing from the document`)
    expect(missing).toEqual([])
    for (const [documentPath, item] of Object.entries(paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        const op = item[method]
        if (op) expect(op.summary, `${method.toUpperCase()} ${documentPath}`).toBeTruthy()
      }
    }
  })

  it("appears in the README's route reference, path by path", () => {
    const readme = readFileSync(path.resolve(studioDir, '../../README.md'), 'utf8')
    const missing = Object.keys(API_ROUTES)
      .filter((template) => !readme.includes(`| \`${template}\` |`))
      .map((template) => `README.md "Route reference" has no row | \`${template}\` |`)
    expect(missing).toEqual([])
  })
})
