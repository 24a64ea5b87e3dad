import { describe, expect, it } from 'vitest'

import {
  encodeReply,
  memberAddress,
  parseGreeting,
  parseRequest,
  parseUserPass,
  SocksProtocolError,
} from '../../lib/api/database/host-gate/socks5-codec'

const port = (value: number) => [value >> 8, value & 0xff]

describe('SOCKS5 codec of the host gate', () => {
  it('reads a greeting only once it is complete', () => {
    expect(parseGreeting(Buffer.from([5]))).toBeUndefined()
    expect(parseGreeting(Buffer.from([5, 2, 0]))).toBeUndefined()
    expect(parseGreeting(Buffer.from([5, 2, 0, 2, 99]))).toEqual({ value: { methods: [0, 2] }, size: 4 })
    expect(() => parseGreeting(Buffer.from([4, 1, 0]))).toThrow(SocksProtocolError)
  })

  it('reads username/password credentials', () => {
    const message = Buffer.from([1, 2, ...Buffer.from('ab'), 3, ...Buffer.from('xyz')])
    expect(parseUserPass(message.subarray(0, 5))).toBeUndefined()
    expect(parseUserPass(message)).toEqual({ value: { username: 'ab', password: 'xyz' }, size: message.length })
    expect(() => parseUserPass(Buffer.from([5, 0]))).toThrow(SocksProtocolError)
  })

  it('reads IPv4, IPv6 and domain destinations without resolving them', () => {
    expect(parseRequest(Buffer.from([5, 1, 0, 1, 127, 0, 0, 2, ...port(27017)]))).toEqual({
      value: { command: 1, host: '127.0.0.2', port: 27017 },
      size: 10,
    })
    const v6 = [0xfd, 0, ...new Array(13).fill(0), 1]
    expect(parseRequest(Buffer.from([5, 1, 0, 4, ...v6, ...port(1)]))?.value).toEqual({ command: 1, host: 'fd00::1', port: 1 })
    const name = Buffer.from('db.internal')
    expect(parseRequest(Buffer.from([5, 1, 0, 3, name.length, ...name, ...port(443)]))?.value).toEqual({
      command: 1,
      host: 'db.internal',
      port: 443,
    })
  })

  it('waits for a split request and leaves the bytes after it', () => {
    const request = Buffer.from([5, 1, 0, 1, 10, 0, 0, 1, ...port(5432)])
    expect(parseRequest(request.subarray(0, 9))).toBeUndefined()
    expect(parseRequest(Buffer.concat([request, Buffer.from([42])]))?.size).toBe(request.length)
  })

  it('refuses an unknown address type', () => {
    expect(() => parseRequest(Buffer.from([5, 1, 0, 9, 0, 0]))).toThrow(SocksProtocolError)
  })

  it('encodes a reply and a member address', () => {
    expect([...encodeReply(2)]).toEqual([5, 2, 0, 1, 0, 0, 0, 0, 0, 0])
    expect(memberAddress('127.0.0.2', 27017)).toBe('127.0.0.2:27017')
    expect(memberAddress('::1', 27017)).toBe('[::1]:27017')
  })
})
