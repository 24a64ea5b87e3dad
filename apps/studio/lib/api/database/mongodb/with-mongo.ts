import type { MongoClient } from 'mongodb'

import type { ProjectAccess } from '../../platform/projects'
import { withDatabaseClient } from '../helpers'

/** The driver of the request's MongoDB connection (`?connectionId=`, else the primary). */
export function withMongo<R>(access: ProjectAccess, connectionId: string | undefined, fn: (client: MongoClient) => Promise<R>): Promise<R> {
  return withDatabaseClient(access.project, 'mongodb', connectionId, (client) => fn(client.native))
}
