import { mongoAggregatePreviewSchema } from '@multibase/api-contracts'
import type { z } from 'zod'
import useSWR from 'swr'

import { post, type ResponseError } from '../fetchers'
import { mongoKeys, mongoPaths, type MongoCollectionTarget } from './keys'

export type MongoAggregatePreviewData = z.infer<typeof mongoAggregatePreviewSchema>

/** `pipeline` is canonical EJSON; the answer holds the first `limit` documents after each stage. */
export async function previewMongoAggregate(target: MongoCollectionTarget, pipeline: unknown[], limit: number): Promise<MongoAggregatePreviewData> {
  return post(
    `${mongoPaths.collection(target.ref, target.db, target.coll)}/aggregate`,
    { pipeline, preview: { limit }, format: 'canonical' },
    { query: { connectionId: target.connectionId }, schema: mongoAggregatePreviewSchema }
  )
}

/** The pipeline builder's live preview; the key is the pipeline's text, so an unchanged pipeline is not re-run. */
export function useMongoAggregatePreviewQuery(target: MongoCollectionTarget | undefined, pipeline: unknown[] | undefined, limit: number) {
  const pipelineKey = pipeline ? JSON.stringify(pipeline) : undefined
  return useSWR<MongoAggregatePreviewData, ResponseError>(
    target && pipelineKey !== undefined && pipeline!.length > 0
      ? mongoKeys.preview(target.ref, target.connectionId, target.db, target.coll, `${limit}:${pipelineKey}`)
      : null,
    () => previewMongoAggregate(target as MongoCollectionTarget, pipeline as unknown[], limit),
    { keepPreviousData: true }
  )
}
