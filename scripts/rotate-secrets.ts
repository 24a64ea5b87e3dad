/**
 * Re-seals every stored secret with the first key of ENCRYPTION_KEYS. Rotate a key in three steps:
 * put the new key first in ENCRYPTION_KEYS (old key still listed) and restart, run
 * `pnpm --filter studio rotate-secrets` with the same variables, then drop the old key.
 */
import { getPlatformDatabase } from '../apps/studio/lib/api/platform/database'
import { resealSecretsWithCurrentKey } from '../apps/studio/lib/api/platform/rotate-secrets'

async function main() {
  const db = await getPlatformDatabase()
  try {
    const count = await resealSecretsWithCurrentKey(db)
    console.log(`re-sealed ${count} secret${count === 1 ? '' : 's'} with the current key`)
  } finally {
    await db.close()
  }
}

main().catch((error) => {
  console.error(`rotation failed: ${(error as Error).message}`)
  process.exit(1)
})
