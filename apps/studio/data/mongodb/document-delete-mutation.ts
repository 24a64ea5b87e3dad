import { documentIdToPath } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { del, type ResponseError } from '../fetchers'
import { isCollectionsKeyOf, isDocumentsKeyOf, mongoPaths, type MongoCollectionTarget } from './keys'

/** `id` is the BSON `_id` value of the document to delete. */
export type MongoDocumentDeleteVariables = MongoCollectionTarget & { id: unknown }
export type MongoDocumentDeleteData = { deletedCount: number }

export async function deleteMongoDocument({ ref, connectionId, db, coll, id }: MongoDocumentDeleteVariables): Promise<MongoDocumentDeleteData> {
  return del(`${mongoPaths.collection(ref, db, coll)}/documents/${documentIdToPath(id)}`, { query: { connectionId } })
}

export function useMongoDocumentDeleteMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<MongoDocumentDeleteData, ResponseError, readonly string[], MongoDocumentDeleteVariables>(
    ['mongodb', 'document-delete'],
    async (_key, { arg }) => {
      const deleted = await deleteMongoDocument(arg)
      await Promise.all([mutate(isDocumentsKeyOf(arg)), mutate(isCollectionsKeyOf(arg))])
      return deleted
    }
  )
}
