import { pipeline, type Readable } from 'node:stream'
import { createGunzip, createGzip } from 'node:zlib'

import { EJSON, type Document } from 'bson'
import * as tar from 'tar-stream'

import { ValidationError } from '../../database/errors'
import { withDatabaseClient } from '../../database/helpers'
import type { ProjectRef } from '../../platform/connections'
import { planBuilder, type BackupRun, type EngineProgress, type RestorePlan } from './types'

const FORMAT = 'multibase-mongodb-backup'
/** Documents are packed into tar entries of about this size: a tar entry needs its size up front. */
const PART_BYTES = 4 * 1024 * 1024
const BATCH = 500

interface CollectionEntry {
  name: string
  options: Document
  indexes: Document[]
}

/** manifest.json, the first entry: the database, its collections with options and indexes. */
interface MongoManifest {
  format: typeof FORMAT
  version: 1
  serverVersion: string
  database: string
  collections: CollectionEntry[]
}

const dataEntry = (collection: number, part: number) => `data/${collection}/${part}.ndjson`

function addEntry(pack: tar.Pack, name: string, body: Buffer): Promise<void> {
  // Resolves once the pack took the entry: packing waits for the reader (backpressure).
  return new Promise((resolve, reject) => pack.entry({ name, size: body.length }, body, (error) => (error ? reject(error) : resolve())))
}

/**
 * A database (or chosen collections) as a gzip'd tar: manifest.json, then each collection's documents
 * as canonical Extended JSON lines (every BSON type kept: Int32 stays Int32, Double stays Double).
 */
export async function startMongoBackup(
  project: ProjectRef,
  connectionId: string,
  scope: { database?: string; collections?: string[] },
  onProgress: (progress: EngineProgress) => void
): Promise<BackupRun> {
  const manifest = await withDatabaseClient(project, 'mongodb', connectionId, async (client) => {
    const database = scope.database ?? client.defaultDatabase
    const db = client.native.db(database)
    const info = await client.native.db('admin').command({ buildInfo: 1 })
    const listed = await db.listCollections({ type: 'collection' }, { nameOnly: false }).toArray()
    const chosen = listed
      .filter((entry) => !entry.name.startsWith('system.'))
      .filter((entry) => !scope.collections?.length || scope.collections.includes(entry.name))
      .sort((a, b) => a.name.localeCompare(b.name))
    const collections: CollectionEntry[] = []
    for (const entry of chosen) {
      const indexes = await db.collection(entry.name).indexes()
      collections.push({ name: entry.name, options: (entry as { options?: Document }).options ?? {}, indexes })
    }
    const manifest: MongoManifest = { format: FORMAT, version: 1, serverVersion: String(info.version), database, collections }
    return manifest
  })
  const pack = tar.pack()
  let aborted = false
  const finished = (async () => {
    await addEntry(pack, 'manifest.json', Buffer.from(EJSON.stringify(manifest, { relaxed: false })))
    for (const [index, collection] of manifest.collections.entries()) {
      onProgress({ current: collection.name, done: index, total: manifest.collections.length })
      let part = 0
      let chunks: Buffer[] = []
      let bytes = 0
      const flush = async () => {
        if (!bytes) return
        await addEntry(pack, dataEntry(index, part++), Buffer.concat(chunks))
        chunks = []
        bytes = 0
      }
      await withDatabaseClient(project, 'mongodb', connectionId, async (client) => {
        // promoteValues off: numbers come back as Int32/Double/Long objects, so EJSON keeps their type.
        const cursor = client.native
          .db(manifest.database)
          .collection(collection.name)
          .find({}, { batchSize: BATCH, promoteValues: false, promoteLongs: false, promoteBuffers: false })
        for await (const doc of cursor) {
          if (aborted) break
          const line = Buffer.from(EJSON.stringify(doc, { relaxed: false }) + '\n')
          chunks.push(line)
          bytes += line.length
          if (bytes >= PART_BYTES) await flush()
        }
        await cursor.close()
      })
      await flush()
      if (aborted) throw new Error('The backup was cancelled')
    }
    onProgress({ current: null, done: manifest.collections.length, total: manifest.collections.length })
    pack.finalize()
  })()
  finished.catch((error) => pack.destroy(error as Error))
  const stream = createGzip()
  pipeline(pack, stream, () => undefined)
  return { stream, finished, engineVersion: manifest.serverVersion, abort: () => (aborted = true) }
}

/** Reads a MongoDB backup: the manifest, then batches of documents per collection. */
async function* readBackup(archive: Readable): AsyncGenerator<MongoManifest | { collection: string; docs: Document[] }> {
  const extract = tar.extract()
  archive.pipe(createGunzip()).pipe(extract)
  let manifest: MongoManifest | undefined
  for await (const entry of extract) {
    const chunks: Buffer[] = []
    for await (const chunk of entry) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    if (entry.header.name === 'manifest.json') {
      manifest = EJSON.parse(text, { relaxed: false }) as MongoManifest
      if (manifest.format !== FORMAT) throw new ValidationError('This file is not a MongoDB backup', undefined, 'BACKUP_FORMAT_INVALID')
      yield manifest
      continue
    }
    const match = /^data\/(\d+)\/\d+\.ndjson$/.exec(entry.header.name)
    const collection = match && manifest?.collections[Number(match[1])]
    if (!collection) throw new ValidationError('The MongoDB backup is malformed', undefined, 'BACKUP_FORMAT_INVALID')
    const lines = text.split('\n').filter(Boolean)
    for (let start = 0; start < lines.length; start += BATCH) {
      yield { collection: collection.name, docs: lines.slice(start, start + BATCH).map((line) => EJSON.parse(line, { relaxed: false }) as Document) }
    }
  }
}

export interface MongoRestoreOptions {
  /** The target database; default the one the backup was taken from. */
  database?: string
  collections?: string[]
  replace: boolean
}

const wanted = (options: MongoRestoreOptions, name: string) => !options.collections?.length || options.collections.includes(name)

/** Dry run: documents (by _id) the restore would insert, replace (replace) or keep (same _id, no replace). */
export async function planMongoRestore(project: ProjectRef, connectionId: string, archive: Readable, options: MongoRestoreOptions): Promise<RestorePlan> {
  const builder = planBuilder()
  let database = ''
  for await (const item of readBackup(archive)) {
    if ('format' in item) {
      database = options.database ?? item.database
      continue
    }
    if (!wanted(options, item.collection)) continue
    const ids = item.docs.map((doc) => doc._id)
    const existing = await withDatabaseClient(project, 'mongodb', connectionId, async (client) => {
      const found = await client.native.db(database).collection(item.collection).find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()
      return new Set(found.map((doc) => EJSON.stringify(doc._id)))
    })
    for (const doc of item.docs) {
      const id = EJSON.stringify(doc._id)
      builder.add(existing.has(id) ? (options.replace ? 'overwrite' : 'keep') : 'create', `${item.collection}/${id}`)
    }
  }
  return builder.plan
}

/**
 * Recreates missing collections with their options and indexes, then writes the documents: with
 * replace, a document with the same _id is replaced; without, it is kept and the backup's is skipped.
 */
export async function runMongoRestore(
  project: ProjectRef,
  connectionId: string,
  archive: Readable,
  options: MongoRestoreOptions,
  onProgress: (progress: EngineProgress) => void
): Promise<{ inserted: number; replaced: number; kept: number }> {
  const counts = { inserted: 0, replaced: 0, kept: 0 }
  let manifest: MongoManifest | undefined
  for await (const item of readBackup(archive)) {
    if ('format' in item) {
      manifest = item
      await prepareCollections(project, connectionId, item, options)
      continue
    }
    if (!wanted(options, item.collection) || !manifest) continue
    const database = options.database ?? manifest.database
    await withDatabaseClient(project, 'mongodb', connectionId, async (client) => {
      const collection = client.native.db(database).collection(item.collection)
      if (options.replace) {
        const result = await collection.bulkWrite(
          item.docs.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })),
          { ordered: false }
        )
        counts.inserted += result.upsertedCount
        counts.replaced += result.matchedCount
        return
      }
      try {
        const result = await collection.insertMany(item.docs, { ordered: false })
        counts.inserted += result.insertedCount
      } catch (error) {
        const bulk = error as { code?: number; writeErrors?: { code: number }[] | { code: number }; result?: { insertedCount: number } }
        const errors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : bulk.writeErrors ? [bulk.writeErrors] : []
        if (!errors.length || errors.some((entry) => entry.code !== 11000)) throw error
        counts.kept += errors.length
        counts.inserted += item.docs.length - errors.length
      }
    })
    onProgress({ current: item.collection, done: counts.inserted + counts.replaced + counts.kept, total: null })
  }
  return counts
}

async function prepareCollections(project: ProjectRef, connectionId: string, manifest: MongoManifest, options: MongoRestoreOptions) {
  await withDatabaseClient(project, 'mongodb', connectionId, async (client) => {
    const db = client.native.db(options.database ?? manifest.database)
    const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((entry) => entry.name))
    for (const collection of manifest.collections) {
      if (!wanted(options, collection.name)) continue
      if (!existing.has(collection.name)) await db.createCollection(collection.name, collection.options)
      const indexes = collection.indexes
        .filter((index) => index.name !== '_id_')
        .map(({ v: _v, ns: _ns, ...index }) => index as { key: Document; name: string })
      if (indexes.length) await db.collection(collection.name).createIndexes(indexes)
    }
  })
}
