import { GoTrueClient } from '@supabase/auth-js'

/** Where auth-js keeps the session in localStorage; the browser tests seed it under the same key. */
export const AUTH_STORAGE_KEY = 'multibase.auth.token'

let client: { url: string; instance: GoTrueClient } | undefined

/** One GoTrue client per page, for the GoTrue address the server reported. */
export function getGoTrueClient(url: string): GoTrueClient {
  if (client?.url !== url) {
    client = {
      url,
      instance: new GoTrueClient({
        url,
        storageKey: AUTH_STORAGE_KEY,
        persistSession: true,
        autoRefreshToken: true,
        detectSessionInUrl: false,
      }),
    }
  }
  return client.instance
}
