import { connectionSchema, type Connection, type createConnectionSchema, type DatabaseType } from '@multibase/api-contracts'
import { useSWRConfig } from 'swr'
import useSWRMutation from 'swr/mutation'
import type { z } from 'zod'

import { post, type ResponseError } from '../fetchers'
import { connectionKeys, connectionsPath } from './keys'

export type ConnectionCreateVariables = {
  ref: string
  type: DatabaseType
  values: z.input<ReturnType<typeof createConnectionSchema>>
}
export type ConnectionCreateData = Connection

export async function createConnection({ ref, type, values }: ConnectionCreateVariables): Promise<ConnectionCreateData> {
  return post(connectionsPath(ref, type), values, { schema: connectionSchema })
}

export function useConnectionCreateMutation() {
  const { mutate } = useSWRConfig()
  return useSWRMutation<ConnectionCreateData, ResponseError, readonly string[], ConnectionCreateVariables>(
    ['connections', 'create'],
    async (_key, { arg }) => {
      const created = await createConnection(arg)
      // A new primary demotes the old one, so the whole list is read again rather than patched.
      await mutate(connectionKeys.list(arg.ref, arg.type))
      return created
    }
  )
}
