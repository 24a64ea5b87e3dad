import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, connect, type Server, type Socket } from 'node:net'

import { DatabaseError, ValidationError } from '../errors'
import { resolveConnectHost } from '../host-guard'
import {
  AUTH_NONE_ACCEPTABLE,
  AUTH_USERPASS,
  COMMAND_CONNECT,
  encodeReply,
  memberAddress,
  parseGreeting,
  parseRequest,
  parseUserPass,
  Reply,
  SOCKS_VERSION,
  type Parsed,
} from './socks5-codec'

/**
 * A loopback SOCKS5 listener that a driver must dial through: every destination it asks for (seed,
 * discovered replica-set member, anything a server announces later) goes through `resolveConnectHost`
 * — the same resolver and classifier as a host a user types — and only the checked address is dialled.
 * A refused destination gets a SOCKS "not allowed" reply and no socket is ever opened towards it.
 *
 * Why a proxy and not the driver's own hooks: the `lookup` socket option is skipped by `net.connect`
 * for IP literals (an announced member is usually one), and SDAM events (`serverOpening`,
 * `topologyDescriptionChanged`) are emitted in the same synchronous call chain that starts the new
 * member's monitor, so by the time a listener could act the dial has begun. The driver's `proxyHost`
 * option, by contrast, is honoured by every socket it makes (monitors, RTT pingers, pools).
 */
export interface HostGate {
  host: '127.0.0.1'
  port: number
  /** Random per gate, so no other local process can use the listener as an open proxy. */
  username: string
  password: string
  close(): Promise<void>
}

export interface HostGateOptions {
  /** Told once per refused destination; the error names it (details.host). */
  onRefused: (error: DatabaseError) => void
  /** Handshake budget: a client that stalls before asking for a destination is dropped. */
  handshakeTimeoutMs: number
}

/** Largest buffered handshake: greeting, credentials and a request with a 255-byte name fit easily. */
const MAX_HANDSHAKE_BYTES = 1024

class HandshakeReader {
  private buffered = Buffer.alloc(0)
  private wake: () => void = () => undefined
  private done = false

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData)
    socket.once('close', this.onEnd)
    socket.once('error', this.onEnd)
  }

  private readonly onData = (chunk: Buffer) => {
    this.buffered = Buffer.concat([this.buffered, chunk])
    if (this.buffered.length > MAX_HANDSHAKE_BYTES) this.socket.destroy()
    this.wake()
  }

  private readonly onEnd = () => {
    this.done = true
    this.wake()
  }

  async read<T>(parse: (buffer: Buffer) => Parsed<T> | undefined): Promise<T> {
    for (;;) {
      const parsed = parse(this.buffered)
      if (parsed) {
        this.buffered = this.buffered.subarray(parsed.size)
        return parsed.value
      }
      if (this.done) throw new Error('Closed during the SOCKS handshake')
      await new Promise<void>((resolve) => (this.wake = resolve))
    }
  }

  /** Stops reading; returns bytes that arrived after the handshake (the driver's first message). */
  release(): Buffer {
    this.socket.off('data', this.onData)
    this.socket.off('close', this.onEnd)
    this.socket.off('error', this.onEnd)
    return this.buffered
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function refusal(host: string, port: number, error: unknown): DatabaseError {
  const address = memberAddress(host, port)
  const code = error instanceof DatabaseError ? error.code : 'HOST_NOT_ALLOWED'
  const reason = error instanceof DatabaseError ? error.message : 'it could not be checked'
  return new ValidationError(`The database server announced member "${address}", which this Studio may not contact (${reason})`, { host: address }, code)
}

function openUpstream(address: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const upstream = connect({ host: address, port })
    upstream.once('connect', () => {
      upstream.off('error', reject)
      resolve(upstream)
    })
    upstream.once('error', reject)
  })
}

interface GateState {
  /** Client and upstream sockets, all destroyed when the gate closes. */
  sockets: Set<Socket>
  refused: Set<string>
}

function track(sockets: Set<Socket>, socket: Socket) {
  sockets.add(socket)
  socket.once('close', () => sockets.delete(socket))
}

async function serveClient(client: Socket, gate: HostGate, options: HostGateOptions, state: GateState) {
  const reader = new HandshakeReader(client)
  const timer = setTimeout(() => client.destroy(), options.handshakeTimeoutMs)
  try {
    const greeting = await reader.read(parseGreeting)
    if (!greeting.methods.includes(AUTH_USERPASS)) {
      client.end(Buffer.from([SOCKS_VERSION, AUTH_NONE_ACCEPTABLE]))
      return
    }
    client.write(Buffer.from([SOCKS_VERSION, AUTH_USERPASS]))
    const credentials = await reader.read(parseUserPass)
    if (!sameSecret(credentials.username, gate.username) || !sameSecret(credentials.password, gate.password)) {
      client.end(Buffer.from([0x01, 0x01]))
      return
    }
    client.write(Buffer.from([0x01, 0x00]))
    const request = await reader.read(parseRequest)
    if (request.command !== COMMAND_CONNECT) {
      client.end(encodeReply(Reply.commandNotSupported))
      return
    }
    let address: string
    try {
      address = await resolveConnectHost(request.host)
    } catch (error) {
      const key = memberAddress(request.host, request.port)
      if (!state.refused.has(key)) {
        state.refused.add(key)
        options.onRefused(refusal(request.host, request.port, error))
      }
      client.end(encodeReply(Reply.notAllowed))
      return
    }
    let upstream: Socket
    try {
      upstream = await openUpstream(address, request.port)
    } catch {
      client.end(encodeReply(Reply.connectionRefused))
      return
    }
    track(state.sockets, upstream)
    clearTimeout(timer)
    const early = reader.release()
    client.write(encodeReply(Reply.succeeded))
    if (early.length > 0) upstream.write(early)
    const closeBoth = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', closeBoth).on('close', closeBoth)
    upstream.on('error', closeBoth).on('close', closeBoth)
    client.pipe(upstream)
    upstream.pipe(client)
  } catch {
    client.destroy()
  } finally {
    clearTimeout(timer)
  }
}

export async function openHostGate(options: HostGateOptions): Promise<HostGate> {
  const state: GateState = { sockets: new Set(), refused: new Set() }
  const server: Server = createServer()
  const gate: HostGate = {
    host: '127.0.0.1',
    port: 0,
    username: randomBytes(12).toString('hex'),
    password: randomBytes(24).toString('hex'),
    close: async () => {
      for (const socket of state.sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
  server.on('connection', (client) => {
    track(state.sockets, client)
    void serveClient(client, gate, options, state)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, gate.host, () => resolve())
  })
  const bound = server.address()
  if (!bound || typeof bound === 'string') throw new Error('The host gate did not bind a TCP port')
  gate.port = bound.port
  return gate
}
