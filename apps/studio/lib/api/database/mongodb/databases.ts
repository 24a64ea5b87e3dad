import type { MongoDatabase, MongoDatabaseStats } from '@multibase/api-contracts'
import type { MongoClient } from 'mongodb'

import { assertDatabaseExists } from './namespace'

/** The databases the connection's user may see (authorizedDatabases spares non-admin users a 13). */
export async function listMongoDatabases(client: MongoClient, maxTimeMS: number): Promise<MongoDatabase[]> {
  const { databases } = await client.db('admin').admin().listDatabases({ authorizedDatabases: true, maxTimeMS })
  return databases
    .map((database) => ({
      name: database.name,
      sizeOnDisk: typeof database.sizeOnDisk === 'number' ? database.sizeOnDisk : null,
      empty: Boolean(database.empty),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export async function getMongoDatabaseStats(client: MongoClient, db: string, maxTimeMS: number): Promise<MongoDatabaseStats> {
  await assertDatabaseExists(client, db, maxTimeMS)
  const stats = await client.db(db).command({ dbStats: 1, scale: 1, maxTimeMS })
  const number = (value: unknown) => Number(value ?? 0)
  return {
    db,
    collections: number(stats.collections),
    views: number(stats.views),
    objects: number(stats.objects),
    avgObjSize: number(stats.avgObjSize),
    dataSize: number(stats.dataSize),
    storageSize: number(stats.storageSize),
    indexes: number(stats.indexes),
    indexSize: number(stats.indexSize),
    totalSize: stats.totalSize === undefined ? null : number(stats.totalSize),
  }
}

export async function dropMongoDatabase(client: MongoClient, db: string, maxTimeMS: number): Promise<void> {
  await assertDatabaseExists(client, db, maxTimeMS)
  await client.db(db).dropDatabase({ maxTimeMS })
}
