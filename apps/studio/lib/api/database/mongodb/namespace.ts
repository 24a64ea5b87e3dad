import type { MongoClient } from 'mongodb'

import { NotFoundError } from '../errors'

/**
 * MongoDB creates databases and collections implicitly on first write and answers reads of missing
 * ones with nothing, so the API checks existence itself where a missing one must be a 404 rather
 * than an empty result or a silently created namespace.
 */
export async function collectionExists(client: MongoClient, db: string, coll: string, maxTimeMS: number): Promise<boolean> {
  const found = await client.db(db).listCollections({ name: coll }, { nameOnly: true, maxTimeMS }).toArray()
  return found.length > 0
}

export async function assertCollectionExists(client: MongoClient, db: string, coll: string, maxTimeMS: number): Promise<void> {
  if (!(await collectionExists(client, db, coll, maxTimeMS))) {
    throw new NotFoundError(`Collection ${db}.${coll} does not exist`, 'COLLECTION_NOT_FOUND')
  }
}

export async function assertDatabaseExists(client: MongoClient, db: string, maxTimeMS: number): Promise<void> {
  const { databases } = await client
    .db('admin')
    .admin()
    .listDatabases({ nameOnly: true, authorizedDatabases: true, filter: { name: db }, maxTimeMS })
  if (databases.length === 0) throw new NotFoundError(`Database ${db} does not exist`, 'DATABASE_NOT_FOUND')
}
