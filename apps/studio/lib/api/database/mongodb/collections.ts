import type { MongoCollection, MongoCreateCollection } from '@multibase/api-contracts'
import type { CreateCollectionOptions, MongoClient } from 'mongodb'

import { assertCollectionExists, assertDatabaseExists } from './namespace'
import { queryDocumentFromBody } from './ejson-input'

/** Collection stats are one command per collection; this many run at once. */
const STATS_CONCURRENCY = 4

type CollectionType = MongoCollection['type']

function collectionType(type: unknown): CollectionType {
  return type === 'view' || type === 'timeseries' ? type : 'collection'
}

/**
 * `nameOnly` listing: MongoDB answers it from the catalog without taking collection locks, so it
 * stays fast with thousands of collections. It still carries the type (servers that omit it only
 * have plain collections). Stats are fetched only when asked for.
 */
export async function listMongoCollections(
  client: MongoClient,
  db: string,
  options: { stats: boolean; maxTimeMS: number }
): Promise<MongoCollection[]> {
  const database = client.db(db)
  const entries = await database
    .listCollections({}, { nameOnly: true, maxTimeMS: options.maxTimeMS, batchSize: 10_000 })
    .toArray()
  if (entries.length === 0) await assertDatabaseExists(client, db, options.maxTimeMS)
  const collections: MongoCollection[] = entries
    .map((entry) => ({ name: entry.name, type: collectionType((entry as { type?: unknown }).type) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  if (!options.stats) return collections

  let next = 0
  const worker = async () => {
    while (next < collections.length) {
      const collection = collections[next++]
      // Views have no storage of their own to report.
      if (collection.type === 'view') continue
      const stats = await database.command({ collStats: collection.name, scale: 1, maxTimeMS: options.maxTimeMS })
      collection.stats = {
        count: Number(stats.count ?? 0),
        size: Number(stats.size ?? 0),
        avgObjSize: Number(stats.avgObjSize ?? 0),
        storageSize: Number(stats.storageSize ?? 0),
        nindexes: Number(stats.nindexes ?? 0),
        totalIndexSize: Number(stats.totalIndexSize ?? 0),
        capped: Boolean(stats.capped),
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(STATS_CONCURRENCY, collections.length) }, worker))
  return collections
}

/** Creates a collection (and so its database, when it is the first). 409 if the name is taken. */
export async function createMongoCollection(client: MongoClient, db: string, input: MongoCreateCollection, maxTimeMS: number) {
  const options: CreateCollectionOptions = { maxTimeMS }
  if (input.capped) {
    options.capped = true
    options.size = input.capped.size
    if (input.capped.max !== undefined) options.max = input.capped.max
  }
  if (input.validator) options.validator = queryDocumentFromBody(input.validator, 'validator')
  if (input.validationLevel) options.validationLevel = input.validationLevel
  if (input.validationAction) options.validationAction = input.validationAction
  if (input.timeseries) options.timeseries = input.timeseries
  if (input.expireAfterSeconds !== undefined) options.expireAfterSeconds = input.expireAfterSeconds
  await client.db(db).createCollection(input.name, options)
  return { name: input.name, type: input.timeseries ? ('timeseries' as const) : ('collection' as const) }
}

export async function dropMongoCollection(client: MongoClient, db: string, coll: string, maxTimeMS: number): Promise<void> {
  // drop() reports success for a missing collection; the API answers 404 instead.
  await assertCollectionExists(client, db, coll, maxTimeMS)
  await client.db(db).collection(coll).drop({ maxTimeMS })
}
