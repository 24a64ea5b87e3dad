import { mongoIndexSchema, type MongoIndex } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoCollectionTarget } from './keys'

export type MongoIndexesData = MongoIndex[]

export async function getMongoIndexes({ ref, connectionId, db, coll }: MongoCollectionTarget): Promise<MongoIndexesData> {
  return get(`${mongoPaths.collection(ref, db, coll)}/indexes`, { query: { connectionId }, schema: mongoIndexSchema.array() })
}

export function useMongoIndexesQuery(target: MongoCollectionTarget | undefined) {
  return useSWR<MongoIndexesData, ResponseError>(target ? mongoKeys.indexes(target.ref, target.connectionId, target.db, target.coll) : null, () =>
    getMongoIndexes(target as MongoCollectionTarget)
  )
}
