import { documentIdToPath } from '@multibase/api-contracts'
import useSWR from 'swr'
import { z } from 'zod'

import { get, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoCollectionTarget } from './keys'

export type MongoDocumentData = Record<string, unknown>

/** One whole document by its `_id` (a BSON value), in canonical EJSON. */
export async function getMongoDocument(target: MongoCollectionTarget, id: unknown): Promise<MongoDocumentData> {
  return get(`${mongoPaths.collection(target.ref, target.db, target.coll)}/documents/${documentIdToPath(id)}`, {
    query: { connectionId: target.connectionId, format: 'canonical' },
    schema: z.record(z.unknown()),
  })
}

/**
 * The editor reads the document again by `_id` when it opens: the page may show a projection (saving
 * that as a replacement would drop the fields left out) or a copy older than what is stored now.
 */
export function useMongoDocumentQuery(target: MongoCollectionTarget, id: unknown, enabled: boolean) {
  return useSWR<MongoDocumentData, ResponseError>(
    enabled ? mongoKeys.document(target.ref, target.connectionId, target.db, target.coll, documentIdToPath(id)) : null,
    () => getMongoDocument(target, id),
    { revalidateOnMount: true, dedupingInterval: 0 }
  )
}
