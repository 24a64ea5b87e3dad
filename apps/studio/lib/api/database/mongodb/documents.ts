import {
  isUpdateOperatorDocument,
  serializeEjson,
  type EjsonFormat,
  type MongoBulkUpdate,
  type MongoDocumentsPage,
  type MongoInsertDocuments,
} from '@multibase/api-contracts'
import { MongoBulkWriteError, type Document, type InsertManyResult, type MongoClient } from 'mongodb'

import { ConflictError, TimeoutError, ValidationError } from '../errors'
import { mapDriverError } from '../driver-errors'
import { documentFromQuery, queryDocumentFromBody, storedDocumentFromBody, updateFromBody } from './ejson-input'
import { assertCollectionExists } from './namespace'
import { exactBsonTypes } from './read-options'

export interface DocumentsPageRequest {
  filter?: string
  projection?: string
  sort?: string
  skip: number
  limit: number
  format: EjsonFormat
  exactCount: boolean
  maxTimeMS: number
}

/**
 * One page of documents plus the collection's estimated count (from metadata on MongoDB). The exact count of
 * the filter is optional and bounded by the same maxTimeMS: when it runs out the page is still
 * returned and the count says `timeout`.
 */
export async function queryMongoDocuments(
  client: MongoClient,
  db: string,
  coll: string,
  request: DocumentsPageRequest
): Promise<MongoDocumentsPage> {
  const filter = documentFromQuery(request.filter, 'filter') ?? {}
  const projection = documentFromQuery(request.projection, 'projection')
  const sort = documentFromQuery(request.sort, 'sort')
  const { maxTimeMS } = request
  const collection = client.db(db).collection(coll)

  const [documents, estimatedCount, exactCount] = await Promise.all([
    collection
      .find(filter, { ...exactBsonTypes, projection, sort, skip: request.skip, limit: request.limit, maxTimeMS })
      .toArray(),
    collection.estimatedDocumentCount({ maxTimeMS }),
    request.exactCount ? countWithin(collection.countDocuments(filter, { maxTimeMS }), maxTimeMS) : undefined,
  ])
  // A missing collection reads as empty; only then is it worth a round trip to tell the two apart.
  if (documents.length === 0 && estimatedCount === 0) await assertCollectionExists(client, db, coll, maxTimeMS)

  return {
    documents: documents.map((document) => serializeEjson(document, request.format) as Record<string, unknown>),
    estimatedCount,
    ...(exactCount ? { exactCount } : {}),
    skip: request.skip,
    limit: request.limit,
    maxTimeMS,
  }
}

async function countWithin(count: Promise<number>, maxTimeMS: number) {
  try {
    return { status: 'ok' as const, value: await count }
  } catch (error) {
    if (mapDriverError('mongodb', error) instanceof TimeoutError) return { status: 'timeout' as const, maxTimeMS }
    throw error
  }
}

/** Inserts one document or many (ordered: the first failure stops the rest and is reported). */
export async function insertMongoDocuments(
  client: MongoClient,
  db: string,
  coll: string,
  input: MongoInsertDocuments,
  options: { format: EjsonFormat; maxTimeMS: number }
) {
  const raw = 'document' in input ? [input.document] : input.documents
  const documents = raw.map((document, index) => storedDocumentFromBody(document, `documents[${index}]`))
  await assertCollectionExists(client, db, coll, options.maxTimeMS)
  let result: InsertManyResult
  try {
    result = await client.db(db).collection(coll).insertMany(documents, { ordered: true, maxTimeMS: options.maxTimeMS })
  } catch (error) {
    // Ordered inserts stop at the first duplicate; say how many went in before it.
    if (error instanceof MongoBulkWriteError && error.code === 11000) {
      throw new ConflictError('A document with this unique key already exists', 'DUPLICATE_KEY', {
        insertedCount: error.result.insertedCount,
        failedIndex: error.writeErrors instanceof Array ? error.writeErrors[0]?.index : error.writeErrors.index,
      })
    }
    throw error
  }
  const insertedIds = Object.keys(result.insertedIds)
    .map(Number)
    .sort((a, b) => a - b)
    .map((index) => serializeEjson(result.insertedIds[index], options.format))
  return { insertedCount: result.insertedCount, insertedIds }
}

/** `updateMany` by filter; the counts say what happened. */
export async function updateMongoDocuments(client: MongoClient, db: string, coll: string, input: MongoBulkUpdate, maxTimeMS: number) {
  const filter = queryDocumentFromBody(input.filter, 'filter')
  const update = updateFromBody(input.update, 'update')
  assertUpdateOperators(update)
  await assertCollectionExists(client, db, coll, maxTimeMS)
  const result = await client.db(db).collection(coll).updateMany(filter, update, { upsert: input.upsert, maxTimeMS })
  return {
    matchedCount: result.matchedCount,
    modifiedCount: result.modifiedCount,
    upsertedCount: result.upsertedCount,
    upsertedId: result.upsertedId === null ? null : serializeEjson(result.upsertedId, 'canonical'),
  }
}

/** `deleteMany` by filter. */
export async function deleteMongoDocuments(client: MongoClient, db: string, coll: string, filterText: string, maxTimeMS: number) {
  const filter = documentFromQuery(filterText, 'filter') ?? {}
  await assertCollectionExists(client, db, coll, maxTimeMS)
  const result = await client.db(db).collection(coll).deleteMany(filter, { maxTimeMS })
  return { deletedCount: result.deletedCount }
}

/** An update must be operators (`{$set: ...}`) or a pipeline, never a bare document. */
export function assertUpdateOperators(update: Document | Document[]): void {
  if (!isUpdateOperatorDocument(update)) {
    throw new ValidationError('update must be update operators ({"$set": ...}) or an update pipeline', { field: 'update' }, 'INVALID_UPDATE')
  }
}
