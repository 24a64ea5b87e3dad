import { useRouter } from 'next/router'
import { useCallback } from 'react'

/** The database and collection a MongoDB panel works on, kept in the URL (`?db=&coll=`) so links can be shared. */
export function useMongoNamespace() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  const db = typeof router.query.db === 'string' && router.query.db ? router.query.db : undefined
  const coll = typeof router.query.coll === 'string' && router.query.coll ? router.query.coll : undefined

  const setNamespace = useCallback(
    (next: { db?: string; coll?: string }) => {
      const query: Record<string, string | string[] | undefined> = { ...router.query, db: next.db, coll: next.coll }
      for (const name of ['db', 'coll']) if (!query[name]) delete query[name]
      void router.replace({ pathname: router.pathname, query }, undefined, { shallow: true })
    },
    [router]
  )

  return { ref, db, coll, setNamespace }
}
