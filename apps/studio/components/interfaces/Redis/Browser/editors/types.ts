import type { RedisEditKeyBody, RedisKeyDetail, RedisKeyValue } from '@multibase/api-contracts'

/** What every value editor gets: the key's page of data and one way to write (errors are toasted). */
export interface ValueEditorProps<Type extends RedisKeyValue['type']> {
  detail: RedisKeyDetail
  value: Extract<RedisKeyValue, { type: Type }>
  canWrite: boolean
  /** Sends one edit in the value's own encoding; true when it succeeded. */
  edit: (body: RedisEditKeyBody) => Promise<boolean>
}
