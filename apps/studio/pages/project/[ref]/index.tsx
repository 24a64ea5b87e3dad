import { useRouter } from 'next/router'
import { useEffect } from 'react'

import { Loading } from 'components/ui/Loading'

/** A project opens on its Postgres database page. */
export default function ProjectIndex() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : undefined
  useEffect(() => {
    if (ref) void router.replace(`/project/${encodeURIComponent(ref)}/database`)
  }, [ref, router])
  return <Loading className="m-8" />
}
