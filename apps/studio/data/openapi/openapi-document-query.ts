import useSWR from 'swr'
import { z } from 'zod'

import { get, type ResponseError } from '../fetchers'
import { openApiKeys } from './keys'

const parameterSchema = z.object({
  name: z.string(),
  in: z.string(),
  required: z.boolean().optional(),
  schema: z.record(z.unknown()).optional(),
})
const contentSchema = z.record(z.object({ schema: z.unknown().optional() })).optional()

export const openApiOperationSchema = z.object({
  summary: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  parameters: z.array(parameterSchema).optional(),
  requestBody: z.object({ content: contentSchema }).optional(),
  responses: z.record(z.object({ description: z.string().optional(), content: contentSchema })),
})
export type OpenApiOperation = z.infer<typeof openApiOperationSchema>

/** Only what the docs page shows of the document; the rest is left as it came. */
const openApiDocumentSchema = z.object({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string(), description: z.string().optional() }),
  paths: z.record(z.record(z.unknown())),
})
export type OpenApiDocumentData = z.infer<typeof openApiDocumentSchema>

export async function getOpenApiDocument(): Promise<OpenApiDocumentData> {
  return get('/api/platform/openapi.json', { schema: openApiDocumentSchema, withAuth: false })
}

/** The Studio's OpenAPI document, for the API docs page. */
export function useOpenApiDocumentQuery() {
  return useSWR<OpenApiDocumentData, ResponseError>(openApiKeys.document(), getOpenApiDocument, { revalidateOnFocus: false })
}
