import { connectionTestResultSchema, type ConnectionTestResult, type DatabaseType } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { connectionKeys, connectionsPath } from './keys'

export type ConnectionTestVariables = { ref: string; type: DatabaseType; id: string }
export type ConnectionTestData = ConnectionTestResult

export async function testConnection({ ref, type, id }: ConnectionTestVariables): Promise<ConnectionTestData> {
  return post(`${connectionsPath(ref, type, id)}/test`, undefined, { schema: connectionTestResultSchema })
}

/** Pings the server through the Studio: latency and server version, or the error that stopped it. */
export function useConnectionTestMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<ConnectionTestData, ResponseError, readonly string[], ConnectionTestVariables>(
    ['connections', 'test'],
    async (_key, { arg }) => {
      try {
        return await testConnection(arg)
      } finally {
        // The server records the outcome as the connection's status.
        void mutate(connectionKeys.list(arg.ref, arg.type))
      }
    }
  )
}
