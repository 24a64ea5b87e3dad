import { mongoCollectionSchema, type MongoCollection } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoTarget } from './keys'

export type MongoCollectionsData = MongoCollection[]

export async function getMongoCollections({ ref, connectionId, db }: MongoTarget & { db: string }): Promise<MongoCollectionsData> {
  return get(mongoPaths.collections(ref, db), { query: { connectionId, stats: true }, schema: mongoCollectionSchema.array() })
}

/** A database's collections with their document count, size and index count (collStats). */
export function useMongoCollectionsQuery(target: Partial<MongoTarget> & { db: string | undefined }) {
  const { ref, connectionId, db } = target
  return useSWR<MongoCollectionsData, ResponseError>(ref && connectionId && db ? mongoKeys.collections(ref, connectionId, db) : null, () =>
    getMongoCollections({ ref: ref as string, connectionId: connectionId as string, db: db as string })
  )
}
