import 'styles/globals.css'

import type { AppProps } from 'next/app'
import Head from 'next/head'
import { Toaster } from 'sonner'
import { SWRConfig } from 'swr'

import { ResponseError } from 'data/fetchers'
import { AuthProvider } from 'lib/auth/AuthProvider'
import { ThemeProvider, useTheme } from 'lib/theme'

/** Client errors (4xx) will not change on retry; only network and server errors are retried. */
function shouldRetry(error: unknown) {
  return !(error instanceof ResponseError) || error.status === 0 || error.status >= 500
}

function ThemedToaster() {
  const { theme } = useTheme()
  // Bottom centre: the side panels keep their Save/Cancel buttons bottom right, where toasts would cover them.
  return <Toaster theme={theme} position="bottom-center" richColors closeButton />
}

export default function App({ Component, pageProps }: AppProps) {
  return (
    <SWRConfig
      value={{
        revalidateOnFocus: false,
        onErrorRetry: (error, _key, _config, revalidate, { retryCount }) => {
          if (!shouldRetry(error) || retryCount >= 3) return
          setTimeout(() => void revalidate({ retryCount }), 1000 * 2 ** retryCount)
        },
      }}
    >
      <ThemeProvider>
        <AuthProvider>
          <Head>
            <title>Multibase Studio</title>
            <meta name="viewport" content="width=device-width, initial-scale=1" />
          </Head>
          <Component {...pageProps} />
          <ThemedToaster />
        </AuthProvider>
      </ThemeProvider>
    </SWRConfig>
  )
}
