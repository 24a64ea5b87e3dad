import { randomBytes } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { openSecret, parseEncryptionKeys, sealSecret } from '../../lib/api/platform/encryption'

const keyA = `a:${randomBytes(32).toString('base64')}`
const keyB = `b:${randomBytes(32).toString('base64')}`

describe('secret sealing (AES-256-GCM)', () => {
  it('uses a fresh IV so the same password seals differently twice, and opens again', () => {
    const ring = parseEncryptionKeys(keyA)
    const first = sealSecret('hunter2', 'org:conn:password', ring)
    const second = sealSecret('hunter2', 'org:conn:password', ring)
    expect(first.iv).toHaveLength(12)
    expect(first.authTag).toHaveLength(16)
    expect(first.iv.equals(second.iv)).toBe(false)
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false)
    expect(openSecret(first, 'org:conn:password', ring)).toBe('hunter2')
  })

  it('refuses a tampered ciphertext, tag or a different AAD', () => {
    const ring = parseEncryptionKeys(keyA)
    const sealed = sealSecret('hunter2', 'org:conn:password', ring)
    const flipped = Buffer.from(sealed.ciphertext)
    flipped[0] ^= 1
    expect(() => openSecret({ ...sealed, ciphertext: flipped }, 'org:conn:password', ring)).toThrow(/integrity/)
    const tag = Buffer.from(sealed.authTag)
    tag[3] ^= 1
    expect(() => openSecret({ ...sealed, authTag: tag }, 'org:conn:password', ring)).toThrow(/integrity/)
    expect(() => openSecret(sealed, 'org:other-conn:password', ring)).toThrow(/integrity/)
  })

  it('rotates: the first key seals, older keys still open', () => {
    const old = sealSecret('s3cret', 'aad', parseEncryptionKeys(keyA))
    const rotated = parseEncryptionKeys(`${keyB},${keyA}`)
    expect(openSecret(old, 'aad', rotated)).toBe('s3cret')
    expect(sealSecret('s3cret', 'aad', rotated).keyId).toBe('b')
    expect(() => openSecret(old, 'aad', parseEncryptionKeys(keyB))).toThrow(/no longer configured/)
  })

  it('refuses malformed key specifications', () => {
    expect(() => parseEncryptionKeys('nokeyid')).toThrow()
    expect(() => parseEncryptionKeys(`short:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/)
  })
})
