import { createServer, type Server, type Socket } from 'node:net'

import { BSON } from 'bson'

/**
 * Just enough of a MongoDB server to be a replica-set seed: it answers the handshake (OP_QUERY
 * `isMaster`/`hello`) and every OP_MSG command with a `hello` reply for a member of `setName`: itself
 * as primary or as a secondary whose primary is the first of `others`, listing `others` as members;
 * `announce()` changes that while it runs (a reconfiguration). Other commands get `{ ok: 1 }` plus the same fields, which
 * is harmless for the driver and keeps the helper tiny.
 */
const OP_REPLY = 1
const OP_QUERY = 2004
const OP_MSG = 2013

export interface FakeSeed {
  host: string
  port: number
  /** Connections the seed accepted (the driver reached it). */
  accepted: () => number
  /** From now on: `selfPrimary` or not, and which other members the set lists. */
  announce(state: Announcement): void
  close(): Promise<void>
}

export interface Announcement {
  selfPrimary: boolean
  others: string[]
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const buffer = Buffer.alloc(16)
  buffer.writeInt32LE(length, 0)
  buffer.writeInt32LE(requestId, 4)
  buffer.writeInt32LE(responseTo, 8)
  buffer.writeInt32LE(opCode, 12)
  return buffer
}

function opReply(responseTo: number, document: Record<string, unknown>): Buffer {
  const body = Buffer.from(BSON.serialize(document))
  const fields = Buffer.alloc(20)
  fields.writeInt32LE(0, 0) // responseFlags
  fields.writeBigInt64LE(0n, 4) // cursorID
  fields.writeInt32LE(0, 12) // startingFrom
  fields.writeInt32LE(1, 16) // numberReturned
  return Buffer.concat([header(16 + 20 + body.length, 0, responseTo, OP_REPLY), fields, body])
}

function opMsg(responseTo: number, document: Record<string, unknown>): Buffer {
  const body = Buffer.from(BSON.serialize(document))
  const flags = Buffer.alloc(5) // flagBits 0, then section kind 0
  return Buffer.concat([header(16 + 5 + body.length, 0, responseTo, OP_MSG), flags, body])
}

export async function startFakeSeed(options: { host: string; setName: string; initial: Announcement }): Promise<FakeSeed> {
  let accepted = 0
  const sockets = new Set<Socket>()
  let me = ''
  let state = options.initial
  let setVersion = 1
  const hello = () => ({
    helloOk: true,
    ismaster: state.selfPrimary,
    isWritablePrimary: state.selfPrimary,
    secondary: !state.selfPrimary,
    setName: options.setName,
    setVersion,
    hosts: [me, ...state.others],
    primary: state.selfPrimary ? me : state.others[0],
    me,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: accepted,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  })

  const server: Server = createServer((socket) => {
    accepted += 1
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let buffered = Buffer.alloc(0)
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk])
      while (buffered.length >= 16 && buffered.length >= buffered.readInt32LE(0)) {
        const length = buffered.readInt32LE(0)
        const requestId = buffered.readInt32LE(4)
        const opCode = buffered.readInt32LE(12)
        buffered = buffered.subarray(length)
        if (opCode === OP_QUERY) socket.write(opReply(requestId, hello()))
        else if (opCode === OP_MSG) socket.write(opMsg(requestId, hello()))
        else socket.destroy()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, options.host, () => resolve()))
  const port = (server.address() as { port: number }).port
  me = `${options.host}:${port}`
  return {
    host: options.host,
    port,
    accepted: () => accepted,
    announce: (next) => {
      state = next
      setVersion += 1
    },
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A plain TCP listener that only counts who connected to it. */
export async function startCountingListener(host: string): Promise<{ port: number; accepted: () => number; close(): Promise<void> }> {
  let accepted = 0
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    accepted += 1
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()))
  return {
    port: (server.address() as { port: number }).port,
    accepted: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
