import { useCallback, useEffect, useState } from 'react'

export interface HistoryEntry {
  filter: string
  projection: string
  sort: string
  skip: number
  limit: number
  /** When it was last run (ms since epoch). */
  at: number
}

const MAX_ENTRIES = 25

const storageKey = (ref: string, connectionId: string, db: string, coll: string) =>
  `multibase.mongodb.history.${ref}.${connectionId}.${encodeURIComponent(db)}.${encodeURIComponent(coll)}`

function read(key: string): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(key) ?? '[]')
    return Array.isArray(parsed) ? (parsed as HistoryEntry[]) : []
  } catch {
    return []
  }
}

/** The queries run on one collection, newest first, kept in this browser (localStorage). */
export function useQueryHistory(ref: string, connectionId: string, db: string, coll: string) {
  const key = storageKey(ref, connectionId, db, coll)
  const [entries, setEntries] = useState<HistoryEntry[]>([])

  useEffect(() => setEntries(read(key)), [key])

  const record = useCallback(
    (entry: Omit<HistoryEntry, 'at'>) => {
      const same = (other: HistoryEntry) =>
        other.filter === entry.filter && other.projection === entry.projection && other.sort === entry.sort && other.skip === entry.skip && other.limit === entry.limit
      const next = [{ ...entry, at: Date.now() }, ...read(key).filter((other) => !same(other))].slice(0, MAX_ENTRIES)
      try {
        window.localStorage.setItem(key, JSON.stringify(next))
      } catch {
        // Storage may be full or refused (private window); the history is a convenience.
      }
      setEntries(next)
    },
    [key]
  )

  const clear = useCallback(() => {
    try {
      window.localStorage.removeItem(key)
    } catch {
      // As above.
    }
    setEntries([])
  }, [key])

  return { entries, record, clear }
}
