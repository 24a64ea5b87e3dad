import { pipelineWritesData, serializeEjson, type EjsonFormat } from '@multibase/api-contracts'
import type { Document, MongoClient } from 'mongodb'

import { ValidationError } from '../errors'
import { assertCollectionExists } from './namespace'
import { exactBsonTypes } from './read-options'

interface AggregateOptions {
  format: EjsonFormat
  maxTimeMS: number
  allowDiskUse?: boolean
}

/**
 * Runs a pipeline and returns at most `limit` documents. A `$limit` of limit + 1 is appended so the
 * server stops early and `truncated` is known without counting; a pipeline ending in `$out` or
 * `$merge` returns nothing by definition and gets no `$limit` (they must stay last).
 */
export async function runMongoAggregate(
  client: MongoClient,
  db: string,
  coll: string,
  pipeline: Document[],
  options: AggregateOptions & { limit: number }
) {
  await assertCollectionExists(client, db, coll, options.maxTimeMS)
  const writes = pipelineWritesData(pipeline)
  const stages = writes ? pipeline : [...pipeline, { $limit: options.limit + 1 }]
  const documents = await client
    .db(db)
    .collection(coll)
    .aggregate(stages, { ...exactBsonTypes, maxTimeMS: options.maxTimeMS, allowDiskUse: options.allowDiskUse })
    .toArray()
  return {
    documents: documents.slice(0, options.limit).map((document) => serializeEjson(document, options.format) as Record<string, unknown>),
    truncated: documents.length > options.limit,
    maxTimeMS: options.maxTimeMS,
  }
}

/**
 * The pipeline builder's preview: for each stage, the first `limit` documents coming out of it (the
 * pipeline up to that stage, then `$limit`). Stages run in parallel; each carries maxTimeMS. A
 * preview never writes, so a pipeline with `$out`/`$merge` is refused in this mode.
 */
export async function previewMongoAggregate(
  client: MongoClient,
  db: string,
  coll: string,
  pipeline: Document[],
  options: AggregateOptions & { limit: number }
) {
  if (pipelineWritesData(pipeline)) {
    throw new ValidationError('Preview runs the pipeline stage by stage and cannot include $out or $merge', { field: 'pipeline' }, 'PREVIEW_WRITE_STAGE')
  }
  await assertCollectionExists(client, db, coll, options.maxTimeMS)
  const collection = client.db(db).collection(coll)
  const stages = await Promise.all(
    pipeline.map(async (stage, index) => {
      const documents = await collection
        .aggregate([...pipeline.slice(0, index + 1), { $limit: options.limit }], {
          ...exactBsonTypes,
          maxTimeMS: options.maxTimeMS,
          allowDiskUse: options.allowDiskUse,
        })
        .toArray()
      return {
        index,
        operator: Object.keys(stage)[0],
        documents: documents.map((document) => serializeEjson(document, options.format) as Record<string, unknown>),
      }
    })
  )
  return { stages, maxTimeMS: options.maxTimeMS }
}
