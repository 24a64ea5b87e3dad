import { useRouter } from 'next/router'
import { useEffect } from 'react'

import { Loading } from 'components/ui/Loading'

export default function SettingsIndex() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : undefined
  useEffect(() => {
    if (ref) void router.replace(`/project/${encodeURIComponent(ref)}/settings/connections`)
  }, [ref, router])
  return <Loading className="m-8" />
}
