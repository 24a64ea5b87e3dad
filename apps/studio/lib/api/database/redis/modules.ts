import type Redis from 'ioredis'

import { ValidationError } from '../errors'

/** Whether the server has the RedisJSON module loaded (MODULE LIST), which the `json` type needs. */
export async function hasJsonModule(redis: Redis): Promise<boolean> {
  const modules = (await redis.call('MODULE', 'LIST')) as Array<Array<string | number>>
  return modules.some((fields) => {
    const nameAt = fields.indexOf('name')
    return nameAt >= 0 && String(fields[nameAt + 1]).toLowerCase() === 'rejson'
  })
}

export async function assertJsonModule(redis: Redis): Promise<void> {
  if (!(await hasJsonModule(redis))) {
    throw new ValidationError('This Redis server has no RedisJSON module, so it cannot store the json type', undefined, 'MODULE_NOT_AVAILABLE')
  }
}
