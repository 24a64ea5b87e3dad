import { LogOut } from 'lucide-react'
import { useRouter } from 'next/router'

import { useProfileQuery } from 'data/profile/profile-query'
import { useAuth } from 'lib/auth/AuthProvider'

/** Platform mode: who is signed in, and sign out. Self-hosted mode has no one to sign out. */
export function UserMenu() {
  const { isPlatform, session, signOut } = useAuth()
  const router = useRouter()
  const signedIn = isPlatform && Boolean(session)
  // Who the server says the token belongs to (the session's copy could be stale).
  const { data: profile } = useProfileQuery({ enabled: signedIn })
  if (!signedIn || !session) return null
  const shown = profile?.email ?? session.user.email ?? profile?.id ?? session.user.id
  return (
    <div className="flex items-center gap-2">
      <span className="max-w-[14rem] truncate text-xs text-foreground-light" title={shown}>
        {shown}
      </span>
      <button
        type="button"
        aria-label="Sign out"
        title="Sign out"
        onClick={async () => {
          await signOut()
          await router.push('/sign-in')
        }}
        className="flex h-7 w-7 items-center justify-center rounded-md text-foreground-light hover:bg-surface-raised hover:text-foreground"
      >
        <LogOut className="h-4 w-4" aria-hidden />
      </button>
    </div>
  )
}
