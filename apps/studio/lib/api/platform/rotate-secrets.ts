import { secretAad, type SecretKind } from './connections'
import type { PlatformDatabase } from './database'
import { getKeyring, openSecret, sealSecret } from './encryption'

/**
 * Finishes a key rotation: re-seals every stored secret that an older key of ENCRYPTION_KEYS sealed
 * with the current (first) key, each row in the same transaction as its read, so the old key can
 * then be dropped from the list. Returns how many secrets were re-sealed.
 */
export async function resealSecretsWithCurrentKey(db: PlatformDatabase): Promise<number> {
  const keyring = getKeyring()
  const stale = await db.query<{ id: string }>('SELECT id FROM platform.credentials WHERE key_id <> $1', [keyring.current.id])
  let resealed = 0
  for (const { id } of stale) {
    await db.transaction(async (tx) => {
      const [row] = await tx.query<{
        owner_id: string
        kind: string
        key_id: string
        iv: Buffer
        auth_tag: Buffer
        ciphertext: Buffer
        organization_id: string
        project_id: string
      }>(
        `SELECT s.owner_id, s.kind, s.key_id, s.iv, s.auth_tag, s.ciphertext, p.organization_id, p.id AS project_id
           FROM platform.credentials s JOIN platform.projects p ON p.id = s.project_id
          WHERE s.id = $1 AND s.key_id <> $2
          FOR UPDATE OF s`,
        [id, keyring.current.id]
      )
      if (!row || (row.kind !== 'password' && row.kind !== 'read_only_password')) return
      const aad = secretAad({ id: row.project_id, organizationId: row.organization_id }, row.owner_id, row.kind as SecretKind)
      const plaintext = openSecret({ keyId: row.key_id, iv: row.iv, authTag: row.auth_tag, ciphertext: row.ciphertext }, aad, keyring)
      const sealed = sealSecret(plaintext, aad, keyring)
      await tx.query(
        `UPDATE platform.credentials SET key_id = $2, iv = $3, auth_tag = $4, ciphertext = $5, updated_at = now() WHERE id = $1`,
        [id, sealed.keyId, sealed.iv, sealed.authTag, sealed.ciphertext]
      )
      resealed++
    })
  }
  return resealed
}
