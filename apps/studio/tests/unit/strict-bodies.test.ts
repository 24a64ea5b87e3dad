import * as contracts from '@multibase/api-contracts'
import { describe, expect, it } from 'vitest'
import { z, type ZodTypeAny } from 'zod'

/**
 * Every request body schema refuses unknown fields, at every depth: a typo or an injected field is
 * a 400, never silently dropped. Walks the zod tree instead of trusting each author to remember.
 */
function nonStrictObjects(schema: ZodTypeAny, path = '$'): string[] {
  const def = schema._def as Record<string, any>
  if (schema instanceof z.ZodObject) {
    const own = def.unknownKeys === 'strict' ? [] : [path]
    return [
      ...own,
      ...Object.entries(schema.shape as Record<string, ZodTypeAny>).flatMap(([key, value]) =>
        nonStrictObjects(value, `${path}.${key}`)
      ),
    ]
  }
  if (schema instanceof z.ZodEffects) return nonStrictObjects(def.schema, path)
  if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) {
    return (def.options as ZodTypeAny[]).flatMap((option, index) => nonStrictObjects(option, `${path}|${index}`))
  }
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return nonStrictObjects(def.innerType, path)
  }
  if (schema instanceof z.ZodArray) return nonStrictObjects(def.type, `${path}[]`)
  if (schema instanceof z.ZodRecord) return nonStrictObjects(def.valueType, `${path}{}`)
  if (schema instanceof z.ZodPipeline) return nonStrictObjects(def.in, path)
  return []
}

const bodySchemas: Record<string, ZodTypeAny> = {
  createOrganizationSchema: contracts.createOrganizationSchema,
  createProjectSchema: contracts.createProjectSchema,
  addMemberSchema: contracts.addMemberSchema,
  updateMemberSchema: contracts.updateMemberSchema,
  removeMemberSchema: contracts.removeMemberSchema,
  redisPublishBodySchema: contracts.redisPublishBodySchema,
  redisBulkDeleteBodySchema: contracts.redisBulkDeleteBodySchema,
  redisCreateKeyBodySchema: contracts.redisCreateKeyBodySchema,
  redisEditKeyBodySchema: contracts.redisEditKeyBodySchema,
  redisExpireBodySchema: contracts.redisExpireBodySchema,
  mongoAggregateSchema: contracts.mongoAggregateSchema,
  mongoCreateIndexSchema: contracts.mongoCreateIndexSchema,
  mongoInsertDocumentsSchema: contracts.mongoInsertDocumentsSchema,
  mongoBulkUpdateSchema: contracts.mongoBulkUpdateSchema,
  mongoUpdateDocumentSchema: contracts.mongoUpdateDocumentSchema,
  mongoCreateCollectionSchema: contracts.mongoCreateCollectionSchema,
  pgRowValuesBodySchema: contracts.pgRowValuesBodySchema,
  pgQueryBodySchema: contracts.pgQueryBodySchema,
  ...Object.fromEntries(
    (['redis', 'mongodb', 'postgres'] as const).flatMap((type) => [
      [`createConnectionSchema(${type})`, contracts.createConnectionSchema(type)],
      [`updateConnectionSchema(${type})`, contracts.updateConnectionSchema(type)],
    ])
  ),
}

describe('request body schemas', () => {
  it('the walk finds a lenient object wherever it hides', () => {
    const lenient = z.object({ inner: z.array(z.object({ x: z.number() })).optional() }).strict()
    expect(nonStrictObjects(lenient)).toEqual(['$.inner[]'])
  })

  it.each(Object.entries(bodySchemas))('%s refuses unknown fields at every depth', (_name, schema) => {
    expect(nonStrictObjects(schema)).toEqual([])
  })
})
