import { connectionDeletedSchema, type ConnectionDeleted, type DatabaseType } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'

import { del, type ResponseError } from '../fetchers'
import { connectionKeys, connectionsPath } from './keys'

export type ConnectionDeleteVariables = { ref: string; type: DatabaseType; id: string }
export type ConnectionDeleteData = ConnectionDeleted

export async function deleteConnection({ ref, type, id }: ConnectionDeleteVariables): Promise<ConnectionDeleteData> {
  return del(connectionsPath(ref, type, id), { schema: connectionDeletedSchema })
}

export function useConnectionDeleteMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<ConnectionDeleteData, ResponseError, readonly string[], ConnectionDeleteVariables>(
    ['connections', 'delete'],
    async (_key, { arg }) => {
      const deleted = await deleteConnection(arg)
      await mutate(connectionKeys.list(arg.ref, arg.type))
      return deleted
    }
  )
}
