import {
  assertNoServerJavaScript,
  deserializeEjson,
  EjsonInputError,
  isPlainEjsonObject,
  parseDocumentId,
  parseEjsonDocument,
} from '@multibase/api-contracts'
import type { Document } from 'mongodb'

import { ValidationError } from '../errors'

/**
 * The server side of the shared EJSON helpers: the same checks, answered as 400s in the API's error
 * shape. Everything a route receives goes through here before a driver call is made, so bad input
 * never writes anything.
 */
function asValidationError<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof EjsonInputError) throw new ValidationError(error.message, error.details, error.code)
    throw error
  }
}

/** A filter, projection or sort given as EJSON text in the query string. */
export function documentFromQuery(text: string | undefined, field: string): Document | undefined {
  return asValidationError(() => parseEjsonDocument(text, field))
}

/** A document given as a JSON value in a body, checked for server-side JavaScript. */
export function queryDocumentFromBody(value: Record<string, unknown>, field: string): Document {
  return asValidationError(() => {
    const document = deserializeEjson(value, field)
    if (!isPlainEjsonObject(document)) throw new EjsonInputError(`${field} must be an object`, 'INVALID_EJSON', { field })
    assertNoServerJavaScript(document, field)
    return document
  })
}

/**
 * A document to store (insert or replacement). It is data, never run, so it is not scanned for
 * operators; EJSON types are kept exactly.
 */
export function storedDocumentFromBody(value: Record<string, unknown>, field: string): Document {
  return asValidationError(() => {
    const document = deserializeEjson(value, field)
    if (!isPlainEjsonObject(document)) throw new EjsonInputError(`${field} must be an object`, 'INVALID_EJSON', { field })
    return document
  })
}

/** Update operators or an update pipeline, checked for server-side JavaScript. */
export function updateFromBody(value: Record<string, unknown> | Array<Record<string, unknown>>, field: string): Document | Document[] {
  return asValidationError(() => {
    const update = deserializeEjson(value, field) as Document | Document[]
    assertNoServerJavaScript(update, field)
    return update
  })
}

/** A pipeline from a body, each stage checked for server-side JavaScript. */
export function pipelineFromBody(stages: Array<Record<string, unknown>>): Document[] {
  return asValidationError(() => {
    const pipeline = deserializeEjson(stages, 'pipeline') as Document[]
    assertNoServerJavaScript(pipeline, 'pipeline')
    pipeline.forEach((stage, index) => {
      if (Object.keys(stage).length !== 1) {
        throw new EjsonInputError(`Stage ${index} must have exactly one operator`, 'INVALID_EJSON', { path: `pipeline[${index}]` })
      }
    })
    return pipeline
  })
}

/** The `_id` a `documents/[id]` URL names. */
export function documentIdFromPath(text: string): unknown {
  return asValidationError(() => parseDocumentId(text))
}
