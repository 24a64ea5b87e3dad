import { connectionSchema, type Connection, type DatabaseType } from '@multibase/api-contracts'
import useSWR from 'swr'

import { get, type ResponseError } from '../fetchers'
import { connectionKeys, connectionsPath } from './keys'

export type ConnectionsVariables = { ref: string | undefined; type: DatabaseType }
export type ConnectionsData = Connection[]

export async function getConnections({ ref, type }: { ref: string; type: DatabaseType }): Promise<ConnectionsData> {
  return get(connectionsPath(ref, type), { schema: connectionSchema.array() })
}

/** The project's registered connections of one engine (passwords never included, only hasPassword). */
export function useConnectionsQuery({ ref, type }: ConnectionsVariables) {
  return useSWR<ConnectionsData, ResponseError>(ref ? connectionKeys.list(ref, type) : null, () =>
    getConnections({ ref: ref as string, type })
  )
}
