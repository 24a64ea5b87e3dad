import { documentIdToPath } from '@multibase/api-contracts'
import { z } from 'zod'

import { get } from '../fetchers'
import { mongoPaths, type MongoCollectionTarget } from './keys'

export type MongoDocumentData = Record<string, unknown>

/**
 * One whole document by its `_id` (a BSON value), in canonical EJSON. Not cached: the editor reads it
 * fresh each time it opens, since the page may show a projection or an older copy.
 */
export async function getMongoDocument(target: MongoCollectionTarget, id: unknown, signal?: AbortSignal): Promise<MongoDocumentData> {
  return get(`${mongoPaths.collection(target.ref, target.db, target.coll)}/documents/${documentIdToPath(id)}`, {
    query: { connectionId: target.connectionId, format: 'canonical' },
    schema: z.record(z.unknown()),
    signal,
  })
}
