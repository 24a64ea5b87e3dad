import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { isCollectionsKeyOf, isDocumentsKeyOf, mongoPaths, type MongoCollectionTarget } from './keys'

/** `document` is canonical EJSON (as produced by `EJSON.serialize(value, { relaxed: false })`). */
export type MongoDocumentInsertVariables = MongoCollectionTarget & { document: Record<string, unknown> }
export type MongoDocumentInsertData = { insertedCount: number; insertedIds: unknown[] }

export async function insertMongoDocument({ ref, connectionId, db, coll, document }: MongoDocumentInsertVariables): Promise<MongoDocumentInsertData> {
  return post(`${mongoPaths.collection(ref, db, coll)}/documents`, { document }, { query: { connectionId, format: 'canonical' } })
}

export function useMongoDocumentInsertMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<MongoDocumentInsertData, ResponseError, readonly string[], MongoDocumentInsertVariables>(
    ['mongodb', 'document-insert'],
    async (_key, { arg }) => {
      const inserted = await insertMongoDocument(arg)
      await Promise.all([mutate(isDocumentsKeyOf(arg)), mutate(isCollectionsKeyOf(arg))])
      return inserted
    }
  )
}
