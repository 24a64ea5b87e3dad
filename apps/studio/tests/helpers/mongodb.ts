import { randomUUID } from 'node:crypto'

import { MongoClient } from 'mongodb'

import { MONGODB_URL } from './services'

/** A database name in this suite's namespace on the shared MongoDB-wire server. */
export const mongoTestDatabase = (label: string) => `mbtest_mongo_${label}_${randomUUID().replace(/-/g, '').slice(0, 8)}`

/** A raw driver client for arranging fixtures and checking what the API did (or did not) write. */
export async function rawMongoClient(): Promise<MongoClient> {
  const client = new MongoClient(MONGODB_URL, { directConnection: true, serverSelectionTimeoutMS: 5000 })
  await client.connect()
  return client
}

/** Drops the databases a test file created (only ever names with the suite's prefix). */
export async function dropMongoTestDatabases(client: MongoClient, names: string[]): Promise<void> {
  for (const name of names) {
    if (!name.startsWith('mbtest_mongo_')) throw new Error(`refusing to drop ${name}`)
    await client.db(name).dropDatabase()
  }
}

/** The path segment of a document id, as the UI builds it: the id's canonical EJSON, URL-encoded. */
export const idSegment = (ejson: unknown) => encodeURIComponent(JSON.stringify(ejson))

/** Fixture documents with ids of any BSON type (the driver's default typing expects ObjectId). */
export type AnyIdDocument = { _id: unknown; [field: string]: unknown }
