import { useRouter } from 'next/router'
import { useEffect, type ReactNode } from 'react'

import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useAuth } from 'lib/auth/AuthProvider'

/** Platform mode: pages behind it need a session, otherwise the visitor is sent to sign in. */
export function AuthGuard({ children }: { children: ReactNode }) {
  const { ready, isPlatform, session, configError } = useAuth()
  const router = useRouter()
  const needsSignIn = ready && isPlatform && !session

  useEffect(() => {
    // Before hydration finishes, a dynamic route's asPath can still be its pattern (`/project/[ref]`).
    if (needsSignIn && router.isReady) void router.replace({ pathname: '/sign-in', query: { next: router.asPath } })
  }, [needsSignIn, router])

  if (configError) {
    return (
      <div className="mx-auto mt-24 max-w-md">
        <ErrorMessage error={configError} title="The Studio's configuration could not be read" />
      </div>
    )
  }
  if (!ready || needsSignIn) return <Loading className="m-8" />
  return <>{children}</>
}
