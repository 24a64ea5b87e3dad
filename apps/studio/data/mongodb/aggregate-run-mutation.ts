import { mongoAggregateResultSchema } from '@multibase/api-contracts'
import type { z } from 'zod'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { mongoPaths, type MongoCollectionTarget } from './keys'

export type MongoAggregateRunVariables = MongoCollectionTarget & { pipeline: unknown[]; limit: number }
export type MongoAggregateRunData = z.infer<typeof mongoAggregateResultSchema>

export async function runMongoAggregate({ pipeline, limit, ...target }: MongoAggregateRunVariables): Promise<MongoAggregateRunData> {
  return post(
    `${mongoPaths.collection(target.ref, target.db, target.coll)}/aggregate`,
    { pipeline, limit, format: 'canonical' },
    { query: { connectionId: target.connectionId }, schema: mongoAggregateResultSchema }
  )
}

/** Runs the whole pipeline (a mutation: it is started by the user, and `$out`/`$merge` write). */
export function useMongoAggregateRunMutation() {
  return useSWRMutation<MongoAggregateRunData, ResponseError, readonly string[], MongoAggregateRunVariables>(
    ['mongodb', 'aggregate-run'],
    (_key, { arg }) => runMongoAggregate(arg)
  )
}
