import type { MongoCreateCollection } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoTarget } from './keys'

export type MongoCollectionCreateVariables = MongoTarget & { db: string; values: MongoCreateCollection }
export type MongoCollectionCreateData = { name: string; type: string }

export async function createMongoCollection({ ref, connectionId, db, values }: MongoCollectionCreateVariables): Promise<MongoCollectionCreateData> {
  return post(mongoPaths.collections(ref, db), values, { query: { connectionId } })
}

/** Creates a collection; in a database that does not exist yet, this creates the database too. */
export function useMongoCollectionCreateMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<MongoCollectionCreateData, ResponseError, readonly string[], MongoCollectionCreateVariables>(
    ['mongodb', 'collection-create'],
    async (_key, { arg }) => {
      const created = await createMongoCollection(arg)
      await Promise.all([mutate(mongoKeys.databases(arg.ref, arg.connectionId)), mutate(mongoKeys.collections(arg.ref, arg.connectionId, arg.db))])
      return created
    }
  )
}
