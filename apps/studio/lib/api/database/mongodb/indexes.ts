import { serializeEjson, type MongoCreateIndex, type MongoIndex } from '@multibase/api-contracts'
import type { CreateIndexesOptions, IndexDirection, MongoClient } from 'mongodb'

import { NotFoundError, ValidationError } from '../errors'
import { queryDocumentFromBody } from './ejson-input'
import { assertCollectionExists } from './namespace'

export async function listMongoIndexes(client: MongoClient, db: string, coll: string, maxTimeMS: number): Promise<MongoIndex[]> {
  await assertCollectionExists(client, db, coll, maxTimeMS)
  const indexes = await client.db(db).collection(coll).listIndexes({ maxTimeMS }).toArray()
  return indexes.map((index) => ({
    name: String(index.name),
    key: serializeEjson(index.key, 'relaxed') as Record<string, unknown>,
    unique: Boolean(index.unique),
    sparse: Boolean(index.sparse),
    ...(typeof index.expireAfterSeconds === 'number' ? { expireAfterSeconds: index.expireAfterSeconds } : {}),
    ...(index.partialFilterExpression
      ? { partialFilterExpression: serializeEjson(index.partialFilterExpression, 'canonical') as Record<string, unknown> }
      : {}),
    hidden: Boolean(index.hidden),
  }))
}

export async function createMongoIndex(client: MongoClient, db: string, coll: string, input: MongoCreateIndex, maxTimeMS: number) {
  const options: CreateIndexesOptions = { maxTimeMS }
  if (input.name) options.name = input.name
  if (input.unique !== undefined) options.unique = input.unique
  if (input.sparse !== undefined) options.sparse = input.sparse
  if (input.hidden !== undefined) options.hidden = input.hidden
  if (input.expireAfterSeconds !== undefined) options.expireAfterSeconds = input.expireAfterSeconds
  if (input.partialFilterExpression) {
    options.partialFilterExpression = queryDocumentFromBody(input.partialFilterExpression, 'partialFilterExpression')
  }
  await assertCollectionExists(client, db, coll, maxTimeMS)
  const name = await client
    .db(db)
    .collection(coll)
    .createIndex(input.key as Record<string, IndexDirection>, options)
  return { name }
}

/** Drops one index by name. `_id_` is never dropped: MongoDB needs it and so does every id route. */
export async function dropMongoIndex(client: MongoClient, db: string, coll: string, name: string, maxTimeMS: number) {
  if (name === '_id_') throw new ValidationError('The _id_ index cannot be dropped', { name }, 'CANNOT_DROP_ID_INDEX')
  await assertCollectionExists(client, db, coll, maxTimeMS)
  try {
    await client.db(db).collection(coll).dropIndex(name, { maxTimeMS })
  } catch (error) {
    if ((error as { code?: number }).code === 27) throw new NotFoundError(`Index ${name} does not exist`, 'INDEX_NOT_FOUND')
    throw error
  }
  return { dropped: true, name }
}
