import { serializeEjson, type EjsonFormat, type MongoUpdateDocument } from '@multibase/api-contracts'
import { EJSON } from 'bson'
import type { Document, Filter, MongoClient } from 'mongodb'

import { NotFoundError, ValidationError } from '../errors'
import { assertUpdateOperators } from './documents'
import { documentIdFromPath, storedDocumentFromBody, updateFromBody } from './ejson-input'
import { assertCollectionExists } from './namespace'
import { exactBsonTypes } from './read-options'

interface ByIdOptions {
  format: EjsonFormat
  maxTimeMS: number
}

function documentNotFound(): NotFoundError {
  return new NotFoundError('No document has this _id', 'DOCUMENT_NOT_FOUND')
}

/** Tells "no such document" from "no such collection" only when the lookup found nothing. */
async function notFound(client: MongoClient, db: string, coll: string, maxTimeMS: number): Promise<never> {
  await assertCollectionExists(client, db, coll, maxTimeMS)
  throw documentNotFound()
}

export async function getMongoDocument(client: MongoClient, db: string, coll: string, idText: string, options: ByIdOptions) {
  const _id = documentIdFromPath(idText)
  const byId = { _id } as Filter<Document>
  const document = await client
    .db(db)
    .collection(coll)
    .findOne(byId, { ...exactBsonTypes, maxTimeMS: options.maxTimeMS })
  if (!document) return notFound(client, db, coll, options.maxTimeMS)
  return serializeEjson(document, options.format)
}

/**
 * Replaces the document (its `_id` stays; a different `_id` in the replacement is refused) or applies
 * update operators to it. Answers the document as it is afterwards.
 */
export async function updateMongoDocument(
  client: MongoClient,
  db: string,
  coll: string,
  idText: string,
  input: MongoUpdateDocument,
  options: ByIdOptions
) {
  const _id = documentIdFromPath(idText)
  const byId = { _id } as Filter<Document>
  const collection = client.db(db).collection(coll)
  const common = { ...exactBsonTypes, maxTimeMS: options.maxTimeMS, returnDocument: 'after' as const, includeResultMetadata: false as const }
  let updated: Document | null
  if ('replacement' in input) {
    const replacement = storedDocumentFromBody(input.replacement, 'replacement')
    if (Object.keys(replacement).some((key) => key.startsWith('$'))) {
      throw new ValidationError('A replacement document cannot contain update operators; send them as "update"', { field: 'replacement' }, 'INVALID_UPDATE')
    }
    if ('_id' in replacement) {
      if (EJSON.stringify(replacement._id, { relaxed: false }) !== EJSON.stringify(_id, { relaxed: false })) {
        throw new ValidationError('The replacement has a different _id; an _id cannot change', { field: 'replacement._id' }, 'IMMUTABLE_ID')
      }
      delete replacement._id
    }
    updated = await collection.findOneAndReplace(byId, replacement, common)
  } else {
    const update = updateFromBody(input.update, 'update')
    assertUpdateOperators(update)
    updated = await collection.findOneAndUpdate(byId, update, common)
  }
  if (!updated) return notFound(client, db, coll, options.maxTimeMS)
  return serializeEjson(updated, options.format)
}

export async function deleteMongoDocument(client: MongoClient, db: string, coll: string, idText: string, maxTimeMS: number) {
  const _id = documentIdFromPath(idText)
  const byId = { _id } as Filter<Document>
  const result = await client.db(db).collection(coll).deleteOne(byId, { maxTimeMS })
  if (result.deletedCount === 0) return notFound(client, db, coll, maxTimeMS)
  return { deletedCount: result.deletedCount }
}
