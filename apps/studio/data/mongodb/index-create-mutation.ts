import type { MongoCreateIndex } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoCollectionTarget } from './keys'

export type MongoIndexCreateVariables = MongoCollectionTarget & { values: MongoCreateIndex }
export type MongoIndexCreateData = { name: string }

export async function createMongoIndex({ ref, connectionId, db, coll, values }: MongoIndexCreateVariables): Promise<MongoIndexCreateData> {
  return post(`${mongoPaths.collection(ref, db, coll)}/indexes`, values, { query: { connectionId } })
}

export function useMongoIndexCreateMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<MongoIndexCreateData, ResponseError, readonly string[], MongoIndexCreateVariables>(
    ['mongodb', 'index-create'],
    async (_key, { arg }) => {
      const created = await createMongoIndex(arg)
      await mutate(mongoKeys.indexes(arg.ref, arg.connectionId, arg.db, arg.coll))
      return created
    }
  )
}
