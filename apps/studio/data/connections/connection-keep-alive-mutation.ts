import { keepAliveStatusSchema, type DatabaseType, type KeepAliveStatus } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { post, type ResponseError } from '../fetchers'
import { connectionKeys, connectionsPath } from './keys'

export type ConnectionKeepAliveVariables = { ref: string; type: DatabaseType; id: string; enabled: boolean; intervalSeconds: number }

export const setConnectionKeepAlive = ({ ref, type, id, enabled, intervalSeconds }: ConnectionKeepAliveVariables): Promise<KeepAliveStatus> =>
  post(`${connectionsPath(ref, type, id)}/keep-alive`, { enabled, intervalSeconds }, { schema: keepAliveStatusSchema })

/** Turns a connection's periodic ping on or off (admins). */
export function useConnectionKeepAliveMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<KeepAliveStatus, ResponseError, readonly string[], ConnectionKeepAliveVariables>(
    ['connections', 'keep-alive'],
    async (_key, { arg }) => {
      try {
        return await setConnectionKeepAlive(arg)
      } finally {
        void mutate(connectionKeys.list(arg.ref, arg.type))
      }
    }
  )
}
