import type { Connection, DatabaseType } from '@multibase/api-contracts'
import { useRouter } from 'next/router'
import { useCallback, useEffect, useMemo, useState } from 'react'

import { useConnectionsQuery } from 'data/connections/connections-query'

const storageKey = (ref: string, type: DatabaseType) => `multibase.connection.${ref}.${type}`

function readStored(ref: string, type: DatabaseType): string | undefined {
  try {
    return window.localStorage.getItem(storageKey(ref, type)) ?? undefined
  } catch {
    return undefined
  }
}

/**
 * Which connection of an engine the pages of a project work on. Order of precedence: `?connectionId=`
 * in the URL (links can be shared), the last choice kept per project in localStorage, the primary
 * connection, the first one. Engine panels pass `selected.id` to the API as `?connectionId=`.
 */
export function useSelectedConnection(ref: string | undefined, type: DatabaseType) {
  const router = useRouter()
  const query = useConnectionsQuery({ ref, type })
  const connections = query.data
  const fromUrl = typeof router.query.connectionId === 'string' ? router.query.connectionId : undefined
  const [stored, setStored] = useState<string | undefined>()

  useEffect(() => {
    if (ref) setStored(readStored(ref, type))
  }, [ref, type])

  const selected: Connection | undefined = useMemo(() => {
    if (!connections?.length) return undefined
    const byId = (id: string | undefined) => (id ? connections.find((connection) => connection.id === id) : undefined)
    return byId(fromUrl) ?? byId(stored) ?? connections.find((connection) => connection.isPrimary) ?? connections[0]
  }, [connections, fromUrl, stored])

  const select = useCallback(
    (id: string) => {
      if (!ref) return
      try {
        window.localStorage.setItem(storageKey(ref, type), id)
      } catch {
        // Private windows may refuse storage; the URL still carries the choice.
      }
      setStored(id)
      void router.replace({ pathname: router.pathname, query: { ...router.query, connectionId: id } }, undefined, { shallow: true })
    },
    [ref, type, router]
  )

  return { connections, selected, select, error: query.error, isLoading: query.isLoading }
}
