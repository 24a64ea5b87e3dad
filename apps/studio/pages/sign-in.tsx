import Head from 'next/head'
import { useRouter } from 'next/router'
import { useEffect } from 'react'

import { SignInForm } from 'components/interfaces/Auth/SignInForm'
import { BrandMark } from 'components/layouts/BrandMark'
import { ThemeToggle } from 'components/layouts/ThemeToggle'
import { Loading } from 'components/ui/Loading'
import { useAuth } from 'lib/auth/AuthProvider'

/** Only Studio-relative paths are followed after sign-in (no open redirect). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/projects'
}

export default function SignInPage() {
  const { ready, isPlatform, session } = useAuth()
  const router = useRouter()
  const next = safeNext(router.query.next)

  useEffect(() => {
    if (!ready) return
    if (!isPlatform) void router.replace('/project/default')
    else if (session) void router.replace(next)
  }, [ready, isPlatform, session, next, router])

  return (
    <div className="flex min-h-screen flex-col">
      <Head>
        <title>Sign in | Multibase Studio</title>
      </Head>
      <header className="flex h-12 items-center justify-between border-b border-border px-4">
        <BrandMark href="/" />
        <ThemeToggle />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-[14vh]">
        {!ready || !isPlatform || session ? (
          <Loading />
        ) : (
          <div className="flex w-full max-w-sm flex-col gap-6">
            <div className="flex flex-col gap-1">
              <h1 className="text-xl font-medium">Welcome back</h1>
              <p className="text-xs text-foreground-muted">Sign in to your account to manage your projects.</p>
            </div>
            <SignInForm onSignedIn={() => void router.replace(next)} />
          </div>
        )}
      </main>
    </div>
  )
}
