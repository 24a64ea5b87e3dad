import { mongoDatabaseSchema, type MongoDatabase } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoTarget } from './keys'

export type MongoDatabasesData = MongoDatabase[]

export async function getMongoDatabases({ ref, connectionId }: MongoTarget): Promise<MongoDatabasesData> {
  return get(mongoPaths.databases(ref), { query: { connectionId }, schema: mongoDatabaseSchema.array() })
}

/** The server's databases with their size on disk. */
export function useMongoDatabasesQuery(target: Partial<MongoTarget>) {
  const { ref, connectionId } = target
  return useSWR<MongoDatabasesData, ResponseError>(ref && connectionId ? mongoKeys.databases(ref, connectionId) : null, () =>
    getMongoDatabases({ ref: ref as string, connectionId: connectionId as string })
  )
}
