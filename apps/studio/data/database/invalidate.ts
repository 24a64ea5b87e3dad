import type { ScopedMutator } from 'swr'

/** Refetches every cached page of one table's rows (after an insert, update or delete). */
export function invalidateTableRows(mutate: ScopedMutator, ref: string, connectionId: string, id: number) {
  return mutate(
    (key) => Array.isArray(key) && key[0] === 'pg-meta' && key[1] === ref && key[2] === connectionId && key[3] === 'tables' && key[4] === id && key[5] === 'rows'
  )
}
