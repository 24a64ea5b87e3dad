import ipaddr from 'ipaddr.js'

/**
 * The few SOCKS5 (RFC 1928) and username/password (RFC 1929) messages the host gate needs to read
 * from the MongoDB driver and write back. Pure: each parser takes what has arrived so far and answers
 * `undefined` while the message is still incomplete, so a slow or split write is never misread.
 */
export interface Parsed<T> {
  value: T
  /** Bytes of the buffer the message used; anything after belongs to the next message. */
  size: number
}

export class SocksProtocolError extends Error {}

export const SOCKS_VERSION = 0x05
export const AUTH_USERPASS = 0x02
export const AUTH_NONE_ACCEPTABLE = 0xff
export const COMMAND_CONNECT = 0x01

/** Reply codes of RFC 1928 section 6 that the gate uses. */
export const Reply = {
  succeeded: 0x00,
  generalFailure: 0x01,
  notAllowed: 0x02,
  hostUnreachable: 0x04,
  connectionRefused: 0x05,
  commandNotSupported: 0x07,
} as const

export function parseGreeting(buffer: Buffer): Parsed<{ methods: number[] }> | undefined {
  if (buffer.length < 2) return undefined
  if (buffer[0] !== SOCKS_VERSION) throw new SocksProtocolError('Not a SOCKS5 greeting')
  const count = buffer[1]
  if (buffer.length < 2 + count) return undefined
  return { value: { methods: [...buffer.subarray(2, 2 + count)] }, size: 2 + count }
}

export function parseUserPass(buffer: Buffer): Parsed<{ username: string; password: string }> | undefined {
  if (buffer.length < 2) return undefined
  if (buffer[0] !== 0x01) throw new SocksProtocolError('Not a username/password request')
  const userLength = buffer[1]
  if (buffer.length < 3 + userLength) return undefined
  const passLength = buffer[2 + userLength]
  const size = 3 + userLength + passLength
  if (buffer.length < size) return undefined
  return {
    value: {
      username: buffer.subarray(2, 2 + userLength).toString('utf8'),
      password: buffer.subarray(3 + userLength, size).toString('utf8'),
    },
    size,
  }
}

export interface ConnectRequest {
  command: number
  /** An IP literal or the DNS name exactly as the driver sent it (never resolved here). */
  host: string
  port: number
}

export function parseRequest(buffer: Buffer): Parsed<ConnectRequest> | undefined {
  if (buffer.length < 5) return undefined
  if (buffer[0] !== SOCKS_VERSION) throw new SocksProtocolError('Not a SOCKS5 request')
  const addressType = buffer[3]
  let addressEnd: number
  let host: string
  if (addressType === 0x01) {
    addressEnd = 4 + 4
    if (buffer.length < addressEnd + 2) return undefined
    host = [...buffer.subarray(4, addressEnd)].join('.')
  } else if (addressType === 0x04) {
    addressEnd = 4 + 16
    if (buffer.length < addressEnd + 2) return undefined
    host = ipaddr.fromByteArray([...buffer.subarray(4, addressEnd)]).toString()
  } else if (addressType === 0x03) {
    const length = buffer[4]
    addressEnd = 5 + length
    if (buffer.length < addressEnd + 2) return undefined
    host = buffer.subarray(5, addressEnd).toString('latin1')
  } else {
    throw new SocksProtocolError('Unknown SOCKS5 address type')
  }
  return { value: { command: buffer[1], host, port: buffer.readUInt16BE(addressEnd) }, size: addressEnd + 2 }
}

/** A reply with an all-zero IPv4 bound address: the driver does not use the bound address. */
export function encodeReply(code: number): Buffer {
  return Buffer.from([SOCKS_VERSION, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0])
}

/** `host:port` as MongoDB writes a member address (IPv6 in brackets). */
export function memberAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}
