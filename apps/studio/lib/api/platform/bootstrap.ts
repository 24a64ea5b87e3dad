import { LOCAL_USER_ID } from '../apiAuthenticate'
import type { PlatformDatabase } from './database'

/**
 * Self-hosted mode: one default organization and project (`ref` = `default`) whose local user is
 * owner. Idempotent, so every start may run it.
 */
export async function ensureSelfHostedDefaults(db: PlatformDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO platform.organizations (name, slug) VALUES ('Default Organization', 'default')
       ON CONFLICT (slug) DO NOTHING`
    )
    const [organization] = await tx.query<{ id: string }>(`SELECT id FROM platform.organizations WHERE slug = 'default'`)
    await tx.query(
      `INSERT INTO platform.projects (organization_id, ref, name) VALUES ($1, 'default', 'Default Project')
       ON CONFLICT (ref) DO NOTHING`,
      [organization.id]
    )
    await tx.query(
      `INSERT INTO platform.organization_members (organization_id, user_id, role) VALUES ($1, $2, 'owner')
       ON CONFLICT DO NOTHING`,
      [organization.id, LOCAL_USER_ID]
    )
  })
}
