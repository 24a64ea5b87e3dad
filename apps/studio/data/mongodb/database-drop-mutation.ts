import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { del, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoTarget } from './keys'

export type MongoDatabaseDropVariables = MongoTarget & { db: string }
export type MongoDatabaseDropData = { dropped: boolean; name: string }

export async function dropMongoDatabase({ ref, connectionId, db }: MongoDatabaseDropVariables): Promise<MongoDatabaseDropData> {
  return del(mongoPaths.database(ref, db), { query: { connectionId } })
}

export function useMongoDatabaseDropMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<MongoDatabaseDropData, ResponseError, readonly string[], MongoDatabaseDropVariables>(
    ['mongodb', 'database-drop'],
    async (_key, { arg }) => {
      const dropped = await dropMongoDatabase(arg)
      await mutate(mongoKeys.databases(arg.ref, arg.connectionId))
      return dropped
    }
  )
}
