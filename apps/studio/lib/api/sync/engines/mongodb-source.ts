import { EJSON } from 'bson'
import type { Document, MongoClient } from 'mongodb'
import { z } from 'zod'

import { exactBsonTypes } from '../../database/mongodb/read-options'
import { documentFromQuery } from '../../database/mongodb/ejson-input'
import type { SyncDefinition } from './types'

/** Where a collection copy resumes: the collections done, and the last _id copied of the one under way (canonical EJSON). */
export const mongoCheckpointSchema = z
  .object({ completed: z.array(z.string()), current: z.object({ unit: z.string(), lastId: z.string() }).nullable() })
  .strict()
export type MongoCheckpoint = z.infer<typeof mongoCheckpointSchema>

export const idToText = (id: unknown) => EJSON.stringify({ id }, { relaxed: false })
export const idFromText = (text: string) => (EJSON.parse(text, { relaxed: false }) as { id: unknown }).id

export const sourceFilter = (definition: SyncDefinition): Document => documentFromQuery(definition.documentFilter, 'documentFilter') ?? {}

/**
 * The next batch of a collection in _id order after `lastId`, with every BSON type kept (Int32 stays
 * Int32, Int64 stays Int64), so what is written to the target is what was read.
 */
export async function readMongoBatch(client: MongoClient, db: string, collection: string, filter: Document, lastId: unknown, limit: number) {
  const query = lastId === undefined ? filter : { $and: [filter, { _id: { $gt: lastId } }] }
  return client.db(db).collection(collection).find(query, { ...exactBsonTypes, sort: { _id: 1 }, limit }).toArray()
}

export async function countMongo(client: MongoClient, db: string, collection: string, filter: Document): Promise<number> {
  return client.db(db).collection(collection).countDocuments(filter)
}

/** Runs the batches of one collection: resumes after the saved _id, saves after each batch. */
export async function copyCollectionBatches(
  read: (lastId: unknown) => Promise<Document[]>,
  write: (documents: Document[], redo: boolean) => Promise<{ bytes: number }>,
  step: { lastId: unknown; redo: boolean; onBatch: (count: number, bytes: number, lastId: unknown) => Promise<boolean> }
): Promise<'done' | 'halted'> {
  let lastId = step.lastId
  let redo = step.redo
  for (;;) {
    const documents = await read(lastId)
    if (documents.length === 0) return 'done'
    const { bytes } = await write(documents, redo)
    redo = false
    lastId = documents[documents.length - 1]._id
    if (!(await step.onBatch(documents.length, bytes, lastId))) return 'halted'
  }
}
