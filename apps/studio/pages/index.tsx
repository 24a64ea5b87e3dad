import { useRouter } from 'next/router'
import { useEffect } from 'react'

import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useAuth } from 'lib/auth/AuthProvider'

/** Self-hosted: straight into the default project. Platform: the projects list, or sign in first. */
export default function Home() {
  const { ready, isPlatform, session, configError } = useAuth()
  const router = useRouter()

  useEffect(() => {
    if (!ready) return
    if (!isPlatform) void router.replace('/project/default')
    else void router.replace(session ? '/projects' : '/sign-in')
  }, [ready, isPlatform, session, router])

  if (configError) {
    return (
      <div className="mx-auto mt-24 max-w-md">
        <ErrorMessage error={configError} title="The Studio's configuration could not be read" />
      </div>
    )
  }
  return <Loading className="m-8" />
}
