import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { getEnv } from '../../env'
import { processSingleton } from '../../singleton'
import { DatabaseError } from '../database/errors'

/**
 * AES-256-GCM sealing of secrets at rest. A fresh 12-byte IV per value, the 16-byte tag stored, the id
 * of the key that sealed it stored so ENCRYPTION_KEYS can be rotated (first key seals, every listed
 * key opens), and the owning organization and connection bound in as additional authenticated data
 * so a ciphertext copied to another row does not open.
 */
export interface SealedSecret {
  keyId: string
  iv: Buffer
  authTag: Buffer
  ciphertext: Buffer
}

interface Keyring {
  current: { id: string; key: Buffer }
  byId: Map<string, Buffer>
}

export function parseEncryptionKeys(spec: string): Keyring {
  const entries = spec
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const separator = item.indexOf(':')
      if (separator < 1) throw new Error('ENCRYPTION_KEYS entries look like <key id>:<base64 of 32 bytes>')
      const id = item.slice(0, separator)
      const key = Buffer.from(item.slice(separator + 1), 'base64')
      if (key.length !== 32) throw new Error(`ENCRYPTION_KEYS key "${id}" is not 32 bytes of base64`)
      return { id, key }
    })
  if (entries.length === 0) throw new Error('ENCRYPTION_KEYS is empty')
  return { current: entries[0], byId: new Map(entries.map((entry) => [entry.id, entry.key])) }
}

/** Self-hosted convenience: without ENCRYPTION_KEYS a key is generated once into the data folder. */
function loadOrCreateLocalKeys(dataDir: string): string {
  const file = path.resolve(dataDir, 'encryption-keys')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(path.dirname(file), { recursive: true })
  const spec = `local-1:${randomBytes(32).toString('base64')}`
  writeFileSync(file, spec + '\n', { mode: 0o600 })
  return spec
}

export function getKeyring(): Keyring {
  return processSingleton('keyring', () => {
    const env = getEnv()
    if (env.ENCRYPTION_KEYS) return parseEncryptionKeys(env.ENCRYPTION_KEYS)
    if (env.NEXT_PUBLIC_IS_PLATFORM) throw new Error('ENCRYPTION_KEYS is required in platform mode')
    return parseEncryptionKeys(loadOrCreateLocalKeys(env.PLATFORM_DATA_DIR))
  })
}

export function sealSecret(plaintext: string, aad: string, keyring: Keyring = getKeyring()): SealedSecret {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv, { authTagLength: 16 })
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return { keyId: keyring.current.id, iv, authTag: cipher.getAuthTag(), ciphertext }
}

export function openSecret(sealed: SealedSecret, aad: string, keyring: Keyring = getKeyring()): string {
  const key = keyring.byId.get(sealed.keyId)
  if (!key) {
    throw new DatabaseError('A stored secret was sealed with a key that is no longer configured', {
      code: 'SECRET_KEY_MISSING',
    })
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: 16 })
    decipher.setAAD(Buffer.from(aad, 'utf8'))
    decipher.setAuthTag(sealed.authTag)
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8')
  } catch {
    throw new DatabaseError('A stored secret failed its integrity check and was not used', {
      code: 'SECRET_TAMPERED',
    })
  }
}
