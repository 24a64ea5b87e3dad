import { inject } from 'vitest'

import { startStudio, type StudioProcess } from '../../setup/studio-process'
import { TEST_JWT_SECRET } from '../../helpers/tokens'
import { startGoTrueStandIn, type GoTrueStandIn } from './gotrue-stand-in'

export interface BrowserStudio {
  /** A Studio whose GOTRUE_URL is the stand-in, on the main test Studio's platform database. */
  studio: StudioProcess
  gotrue: GoTrueStandIn
  stop(): Promise<void>
}

/**
 * Browser tests need a Studio that tells the page where GoTrue is; it shares the platform database
 * (and encryption keys) of the suite's main Studio, so fixtures made through the API show up here.
 */
export async function startBrowserStudio(extraEnv: Record<string, string> = {}): Promise<BrowserStudio> {
  const gotrue = await startGoTrueStandIn()
  try {
    const studio = await startStudio({
      NEXT_PUBLIC_IS_PLATFORM: 'true',
      DATABASE_URL: inject('platformDatabaseUrl'),
      ENCRYPTION_KEYS: inject('encryptionKeys'),
      GOTRUE_JWT_SECRET: TEST_JWT_SECRET,
      GOTRUE_URL: gotrue.url,
      ALLOWED_DATABASE_HOSTS: '127.0.0.1,localhost,::1',
      ...extraEnv,
    })
    return {
      studio,
      gotrue,
      stop: async () => {
        await studio.stop()
        await gotrue.stop()
      },
    }
  } catch (error) {
    await gotrue.stop()
    throw error
  }
}
