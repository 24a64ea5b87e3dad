import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { del, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoCollectionTarget } from './keys'

export type MongoCollectionDropVariables = MongoCollectionTarget
export type MongoCollectionDropData = { dropped: boolean; name: string }

export async function dropMongoCollection({ ref, connectionId, db, coll }: MongoCollectionDropVariables): Promise<MongoCollectionDropData> {
  return del(mongoPaths.collection(ref, db, coll), { query: { connectionId } })
}

export function useMongoCollectionDropMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<MongoCollectionDropData, ResponseError, readonly string[], MongoCollectionDropVariables>(
    ['mongodb', 'collection-drop'],
    async (_key, { arg }) => {
      const dropped = await dropMongoCollection(arg)
      // Dropping a database's last collection removes the database as well.
      await Promise.all([mutate(mongoKeys.databases(arg.ref, arg.connectionId)), mutate(mongoKeys.collections(arg.ref, arg.connectionId, arg.db))])
      return dropped
    }
  )
}
