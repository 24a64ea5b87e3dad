import { connectionSchema, type Connection, type DatabaseType, type updateConnectionSchema } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'
import type { z } from 'zod'

import { put, type ResponseError } from '../fetchers'
import { connectionKeys, connectionsPath } from './keys'

export type ConnectionUpdateVariables = {
  ref: string
  type: DatabaseType
  id: string
  /** Only the fields to change; `password` absent keeps the stored one. */
  values: z.input<ReturnType<typeof updateConnectionSchema>>
}
export type ConnectionUpdateData = Connection

export async function updateConnection({ ref, type, id, values }: ConnectionUpdateVariables): Promise<ConnectionUpdateData> {
  return put(connectionsPath(ref, type, id), values, { schema: connectionSchema })
}

export function useConnectionUpdateMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<ConnectionUpdateData, ResponseError, readonly string[], ConnectionUpdateVariables>(
    ['connections', 'update'],
    async (_key, { arg }) => {
      const updated = await updateConnection(arg)
      await mutate(connectionKeys.list(arg.ref, arg.type))
      return updated
    }
  )
}
