import { mongoDocumentsPageSchema, type MongoDocumentsPage } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoCollectionTarget } from './keys'

/** The query bar's state, already checked on the client (texts are EJSON, empty means none). */
export interface MongoDocumentsQueryInput {
  filter: string
  projection: string
  sort: string
  skip: number
  limit: number
  exactCount: boolean
}

export type MongoDocumentsData = MongoDocumentsPage

/** Documents come back in canonical EJSON so every BSON type survives into the editor unchanged. */
export async function getMongoDocuments(target: MongoCollectionTarget, input: MongoDocumentsQueryInput, signal?: AbortSignal): Promise<MongoDocumentsData> {
  return get(`${mongoPaths.collection(target.ref, target.db, target.coll)}/documents`, {
    query: {
      connectionId: target.connectionId,
      filter: input.filter.trim() || undefined,
      projection: input.projection.trim() || undefined,
      sort: input.sort.trim() || undefined,
      skip: input.skip,
      limit: input.limit,
      exactCount: input.exactCount || undefined,
      format: 'canonical',
    },
    schema: mongoDocumentsPageSchema,
    signal,
  })
}

/** One page of a collection's documents; the previous page stays on screen while the next loads. */
export function useMongoDocumentsQuery(target: MongoCollectionTarget | undefined, input: MongoDocumentsQueryInput) {
  return useSWR<MongoDocumentsData, ResponseError>(
    target ? mongoKeys.documents(target.ref, target.connectionId, target.db, target.coll, JSON.stringify(input)) : null,
    () => getMongoDocuments(target as MongoCollectionTarget, input),
    { keepPreviousData: true }
  )
}
