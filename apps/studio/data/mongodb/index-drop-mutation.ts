import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { del, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoCollectionTarget } from './keys'

export type MongoIndexDropVariables = MongoCollectionTarget & { name: string }
export type MongoIndexDropData = { dropped: boolean; name: string }

export async function dropMongoIndex({ ref, connectionId, db, coll, name }: MongoIndexDropVariables): Promise<MongoIndexDropData> {
  return del(`${mongoPaths.collection(ref, db, coll)}/indexes/${encodeURIComponent(name)}`, { query: { connectionId } })
}

export function useMongoIndexDropMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<MongoIndexDropData, ResponseError, readonly string[], MongoIndexDropVariables>(
    ['mongodb', 'index-drop'],
    async (_key, { arg }) => {
      const dropped = await dropMongoIndex(arg)
      await mutate(mongoKeys.indexes(arg.ref, arg.connectionId, arg.db, arg.coll))
      return dropped
    }
  )
}
