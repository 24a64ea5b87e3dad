import type { GoTrueClient, Session } from '@supabase/auth-js'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useSWRConfig } from 'swr'

import { useConfigQuery } from 'data/config/config-query'
import { configKeys } from 'data/config/keys'
import { ResponseError, setAccessTokenProvider, setUnauthorizedHandler } from 'data/fetchers'
import { getGoTrueClient } from './gotrue-client'

export interface AuthState {
  /** false until the mode and (in platform mode) the stored session are known. */
  ready: boolean
  isPlatform: boolean
  /** Platform mode only: whether the server has a GOTRUE_URL to sign in against. */
  canSignIn: boolean
  session: Session | null
  configError: ResponseError | undefined
  signIn(email: string, password: string): Promise<void>
  signOut(): Promise<void>
}

const AuthContext = createContext<AuthState | undefined>(undefined)

/**
 * The auth layer: the mode comes from the server (`/api/config`), the session from auth-js, and the
 * fetch client asks here for the access token of every request.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const { data: config, error: configError } = useConfigQuery()
  const { mutate } = useSWRConfig()
  const [session, setSession] = useState<Session | null>(null)
  const [sessionLoaded, setSessionLoaded] = useState(false)

  const client: GoTrueClient | undefined = useMemo(
    () => (config?.isPlatform && config.gotrueUrl ? getGoTrueClient(config.gotrueUrl) : undefined),
    [config]
  )

  useEffect(() => {
    if (!config) return
    if (!client) {
      setAccessTokenProvider(async () => undefined)
      setSessionLoaded(true)
      return
    }
    setAccessTokenProvider(async () => (await client.getSession()).data.session?.access_token)
    let active = true
    void client.getSession().then(({ data }) => {
      if (!active) return
      setSession(data.session)
      setSessionLoaded(true)
    })
    const { data: subscription } = client.onAuthStateChange((_event, next) => {
      if (active) setSession(next)
    })
    return () => {
      active = false
      subscription.subscription.unsubscribe()
    }
  }, [config, client])

  const signIn = useCallback(
    async (email: string, password: string) => {
      if (!client) throw new ResponseError('This Studio has no GOTRUE_URL configured', { code: 'AUTH_NOT_CONFIGURED', status: 0 })
      const { data, error } = await client.signInWithPassword({ email, password })
      if (error) throw new ResponseError(error.message, { code: error.code ?? 'SIGN_IN_FAILED', status: error.status ?? 400 })
      setSession(data.session)
    },
    [client]
  )

  const signOut = useCallback(async () => {
    if (client) await client.signOut({ scope: 'local' })
    setSession(null)
    // Nothing of the previous user's data may stay in the cache; the Studio's mode and GoTrue address stay.
    await mutate((key) => !(Array.isArray(key) && key[0] === configKeys.studio()[0]), undefined, { revalidate: false })
  }, [client, mutate])

  // A token the server refuses (expired beyond refresh, revoked key) ends the session; AuthGuard then
  // sends the visitor to sign in instead of leaving every page on a 401.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (client) void signOut()
    })
    return () => setUnauthorizedHandler(() => undefined)
  }, [client, signOut])

  const value: AuthState = {
    ready: Boolean(config) && sessionLoaded,
    isPlatform: config?.isPlatform ?? false,
    canSignIn: Boolean(client),
    session,
    configError,
    signIn,
    signOut,
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext)
  if (!value) throw new Error('useAuth needs an <AuthProvider>')
  return value
}
