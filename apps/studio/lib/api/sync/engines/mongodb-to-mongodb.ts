import { calculateObjectSize } from 'bson'
import { MongoBulkWriteError, type Document, type MongoClient } from 'mongodb'

import { withDatabaseClient } from '../../database/helpers'
import type { MongoDBClient } from '../../database/mongodb-client'
import {
  copyCollectionBatches,
  countMongo,
  idFromText,
  idToText,
  mongoCheckpointSchema,
  readMongoBatch,
  sourceFilter,
  type MongoCheckpoint,
} from './mongodb-source'
import type { EngineContext } from './types'

const DUPLICATE_KEY = 11000

/** Creates the target collection with the source's options (capped, validator, collation…) and indexes. */
async function copyCollectionShape(source: MongoClient, target: MongoClient, db: string, name: string, targetDb: string): Promise<void> {
  const [info] = await source.db(db).listCollections({ name }).toArray()
  const existing = await target.db(targetDb).listCollections({ name }).toArray()
  if (existing.length === 0) {
    const options = (info as { options?: Document } | undefined)?.options ?? {}
    await target.db(targetDb).createCollection(name, options)
  }
  const indexes = (await source.db(db).collection(name).indexes()).filter((index) => index.name !== '_id_')
  if (indexes.length === 0) return
  await target
    .db(targetDb)
    .collection(name)
    .createIndexes(
      indexes.map((index) => {
        const { v: _v, ns: _ns, key, ...options } = index as Document
        return { key, ...options } as never
      })
    )
}

/**
 * Writes a batch with the conflict policy: `overwrite` replaces by _id (upsert), `skip` and a batch
 * being redone after a lost worker drop duplicate-key errors, `error` fails on the first one.
 * insertMany runs unordered, so one duplicate does not stop the rest of the batch.
 */
async function writeDocuments(target: MongoClient, db: string, name: string, documents: Document[], policy: string, redo: boolean): Promise<void> {
  const collection = target.db(db).collection(name)
  if (policy === 'overwrite') {
    await collection.bulkWrite(
      documents.map((document) => ({ replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true } })),
      { ordered: false }
    )
    return
  }
  try {
    await collection.insertMany(documents, { ordered: false })
  } catch (error) {
    const tolerated = policy === 'skip' || redo
    if (!(error instanceof MongoBulkWriteError) || !tolerated) throw error
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors]
    if (errors.some((writeError) => writeError.code !== DUPLICATE_KEY)) throw error
  }
}

/**
 * MongoDB → MongoDB: collection by collection, options and indexes first, then batched cursors in
 * _id order (the same BSON types read and written), a checkpoint on the last _id after each batch.
 */
export async function syncMongoToMongo(context: EngineContext): Promise<boolean> {
  const { definition } = context
  const saved: MongoCheckpoint = context.checkpoint ? mongoCheckpointSchema.parse(context.checkpoint) : { completed: [], current: null }
  const completed = new Set(saved.completed)
  const filter = sourceFilter(definition)
  const both = <R>(fn: (source: MongoClient, target: MongoClient) => Promise<R>) =>
    withDatabaseClient(context.project, 'mongodb', definition.sourceConnectionId, (source: MongoDBClient) =>
      withDatabaseClient(context.project, 'mongodb', definition.targetConnectionId, (target: MongoDBClient) => fn(source.native, target.native))
    )
  let redo = context.checkpoint !== null
  for (const collection of definition.scope.collections ?? []) {
    const unit = `${collection.db}.${collection.name}`
    if (completed.has(unit)) continue
    const targetDb = definition.targetDatabase ?? collection.db
    const resumeAt = saved.current?.unit === unit ? idFromText(saved.current.lastId) : undefined
    const total = await both(async (source, target) => {
      await copyCollectionShape(source, target, collection.db, collection.name, targetDb)
      return countMongo(source, collection.db, collection.name, filter)
    })
    context.progress.begin(unit, total)
    const outcome = await copyCollectionBatches(
      (lastId) =>
        withDatabaseClient(context.project, 'mongodb', definition.sourceConnectionId, (source: MongoDBClient) =>
          readMongoBatch(source.native, collection.db, collection.name, filter, lastId, definition.batchSize)
        ),
      async (documents, redoBatch) => {
        await withDatabaseClient(context.project, 'mongodb', definition.targetConnectionId, (target: MongoDBClient) =>
          writeDocuments(target.native, targetDb, collection.name, documents, definition.conflictPolicy, redoBatch)
        )
        return { bytes: documents.reduce((sum, document) => sum + calculateObjectSize(document), 0) }
      },
      {
        lastId: resumeAt,
        redo,
        onBatch: (count, bytes, lastId) => {
          context.progress.add(unit, count, bytes)
          return context.save({ completed: [...completed], current: { unit, lastId: idToText(lastId) } }, unit)
        },
      }
    )
    redo = false
    if (outcome === 'halted') return false
    context.progress.finish(unit)
    completed.add(unit)
    if (!(await context.save({ completed: [...completed], current: null }, unit))) return false
  }
  return true
}
