/**
 * Applies pending platform migrations (database/migrations) to DATABASE_URL, or to the embedded
 * platform database in PLATFORM_DATA_DIR when DATABASE_URL is not set. The Studio also runs this at
 * start, so this is for operators who migrate ahead of a deploy. Usage: pnpm migrate
 */
import { getPlatformDatabase } from '../apps/studio/lib/api/platform/database'
import { applyMigrations } from '../apps/studio/lib/api/platform/migrations'

async function main() {
  const db = await getPlatformDatabase()
  try {
    const applied = await applyMigrations(db)
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations')
  } finally {
    await db.close()
  }
}

main().catch((error) => {
  console.error(`migration failed: ${(error as Error).message}`)
  process.exit(1)
})
