import type { SyncEndpoints, SyncValidateResponse } from '@multibase/api-contracts'

import type { ProjectAccess } from '../../platform/projects'
import { withSyncSides } from './endpoints'
import { validateMongoToMongo, validateMongoToPostgres } from './validate-mongodb'
import { validatePostgresToPostgres } from './validate-postgres'
import { validateRedisToRedis } from './validate-redis'

/** The compatibility report of `POST sync/[ref]/validate`: reads both sides, changes nothing. */
export async function validateSync(project: ProjectAccess['project'], endpoints: SyncEndpoints): Promise<SyncValidateResponse> {
  return withSyncSides(project, endpoints, async ({ direction, source, target }) => {
    const scope = endpoints.scope
    let result: Omit<SyncValidateResponse, 'direction' | 'ok'>
    if (source.type === 'postgres' && target.type === 'postgres') {
      result = await validatePostgresToPostgres(source.client.native, target.client.native, scope)
    } else if (source.type === 'redis' && target.type === 'redis') {
      result = await validateRedisToRedis(source.client.native, target.client.native, scope)
    } else if (source.type === 'mongodb' && target.type === 'mongodb') {
      result = await validateMongoToMongo(source.client.native, source.client.defaultDatabase, target.client.native, scope)
    } else if (source.type === 'mongodb' && target.type === 'postgres') {
      result = await validateMongoToPostgres(source.client.native, source.client.defaultDatabase, target.client.native, scope)
    } else {
      throw new Error(`direction ${direction} passed the direction check without a validator`)
    }
    return { direction, ok: !result.findings.some((finding) => finding.severity === 'error'), ...result }
  })
}
