import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi'
import { errorBodySchema } from '@multibase/api-contracts'
import { z, ZodEffects, ZodObject, type AnyZodObject, type ZodTypeAny } from 'zod'

import { API_ROUTES, type DocumentedMethod, type OperationDoc } from './registry'

// The generator annotates parameters through `.openapi()`, which this adds to zod's schemas.
extendZodWithOpenApi(z)

const PARAM = /\[([A-Za-z_][A-Za-z0-9_]*)\]/g

/** `/api/platform/redis/[ref]/keys/[key]` (the router's template) → `/api/platform/redis/{ref}/keys/{key}`. */
export const toOpenApiPath = (template: string) => template.replace(PARAM, '{$1}')

const pathParamsOf = (template: string) => [...template.matchAll(PARAM)].map((match) => match[1])

/** The object inside a refined or preprocessed query schema; other shapes are not query strings. */
function queryObject(schema: ZodTypeAny | undefined): AnyZodObject | undefined {
  let current = schema
  while (current instanceof ZodEffects) current = current.innerType()
  return current instanceof ZodObject ? current : undefined
}

function errorResponses(permission: OperationDoc['permission']) {
  const error = { description: 'The one error body', content: { 'application/json': { schema: errorBodySchema } } }
  const responses: RouteConfig['responses'] = { '400': { ...error, description: 'Invalid input' } }
  if (permission !== 'none') responses['401'] = { ...error, description: 'Missing or invalid credentials' }
  if (permission === 'read' || permission === 'write' || permission === 'admin') {
    responses['403'] = { ...error, description: 'The caller\'s role does not allow this' }
    responses['404'] = { ...error, description: 'No such project (also for non-members), or no such object' }
  }
  return responses
}

function operation(template: string, method: DocumentedMethod, doc: OperationDoc): RouteConfig {
  const pathParams = pathParamsOf(template)
  const params = pathParams.length ? z.object(Object.fromEntries(pathParams.map((name) => [name, z.string()]))) : undefined
  // The router merges path parameters into the query; the document names them once, in the path.
  const query = queryObject(doc.query)?.omit(Object.fromEntries(pathParams.map((name) => [name, true])))
  const success = doc.contentType
    ? { description: 'Success', content: { [doc.contentType]: { schema: z.string() } } }
    : { description: 'Success', content: { 'application/json': { schema: doc.response ?? z.unknown() } } }
  return {
    method: method.toLowerCase() as RouteConfig['method'],
    path: toOpenApiPath(template),
    summary: doc.summary,
    description: `Permission: ${doc.permission}.`,
    tags: [tagOf(template)],
    security: doc.permission === 'none' ? [] : doc.permission === 'metrics-token' ? [{ metricsToken: [] }] : [{ bearer: [] }],
    request: {
      params,
      query: query && Object.keys(query.shape).length ? query : undefined,
      body: doc.body ? { required: true, content: { 'application/json': { schema: doc.body } } } : undefined,
    },
    responses: { [String(doc.status ?? 200)]: success, ...errorResponses(doc.permission) },
  }
}

function tagOf(template: string): string {
  const engine = /^\/api\/platform\/(pg-meta|postgres|redis|mongodb|projects)\//.exec(template)?.[1]
  return engine ?? 'platform'
}

let cached: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined

/** The OpenAPI 3.1 document of every route in the registry, built once per process. */
export function getOpenApiDocument() {
  if (cached) return cached
  const registry = new OpenAPIRegistry()
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
  registry.registerComponent('securitySchemes', 'metricsToken', { type: 'http', scheme: 'bearer' })
  for (const [template, methods] of Object.entries(API_ROUTES)) {
    for (const [method, doc] of Object.entries(methods) as Array<[DocumentedMethod, OperationDoc]>) {
      registry.registerPath(operation(template, method, doc))
    }
  }
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Multibase Studio platform API',
      version: '0.1.0',
      description: 'Postgres, Redis and MongoDB of a project. Errors: `{ error: { code, message, requestId, details? } }`.',
    },
    servers: [{ url: '/' }],
  })
  return cached
}
