import { documentIdToPath } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { put, type ResponseError } from '../fetchers'
import { isDocumentsKeyOf, mongoPaths, type MongoCollectionTarget } from './keys'

/** `id` is the BSON `_id` value; `replacement` is the whole new document in canonical EJSON. */
export type MongoDocumentReplaceVariables = MongoCollectionTarget & { id: unknown; replacement: Record<string, unknown> }
export type MongoDocumentReplaceData = Record<string, unknown>

export async function replaceMongoDocument({ ref, connectionId, db, coll, id, replacement }: MongoDocumentReplaceVariables): Promise<MongoDocumentReplaceData> {
  return put(`${mongoPaths.collection(ref, db, coll)}/documents/${documentIdToPath(id)}`, { replacement }, { query: { connectionId, format: 'canonical' } })
}

export function useMongoDocumentReplaceMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<MongoDocumentReplaceData, ResponseError, readonly string[], MongoDocumentReplaceVariables>(
    ['mongodb', 'document-replace'],
    async (_key, { arg }) => {
      const updated = await replaceMongoDocument(arg)
      await mutate(isDocumentsKeyOf(arg))
      return updated
    }
  )
}
