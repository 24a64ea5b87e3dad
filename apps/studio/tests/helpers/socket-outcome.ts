import { request, type Agent } from 'node:http'
import { connect } from 'node:net'

/** A response, or the socket error code when none came (ECONNREFUSED: never accepted; else a reset). */
export type RawOutcome =
  | { status: number; headers: Record<string, string | string[] | undefined>; body: string }
  | { error: string }

/**
 * One HTTP request through node:http, so a test sees exactly what happened on the socket: the
 * `Connection` header of the response, or the error code of a refused or reset connection.
 */
export function rawRequest(
  baseUrl: string,
  options: { method: string; path: string; token?: string; body?: unknown; agent?: Agent | false }
): Promise<RawOutcome> {
  const url = new URL(options.path, baseUrl)
  const body = options.body === undefined ? undefined : JSON.stringify(options.body)
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: options.method,
        agent: options.agent ?? false,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
      }
    )
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
    req.end(body)
  })
}

/**
 * A kept-alive connection the test drives by hand: one request now, another later on the very same
 * socket (what a load balancer's persistent health probe does).
 */
export async function openKeepAliveSocket(port: number) {
  const socket = connect(port, '127.0.0.1')
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (received += chunk))
  socket.on('error', () => undefined)
  return {
    /** Sends a GET and resolves with the raw response text once a full response arrived. */
    async get(path: string): Promise<string> {
      const start = received.length
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`)
      for (let waited = 0; waited < 10_000; waited += 20) {
        const text = received.slice(start)
        const length = /content-length: (\d+)/i.exec(text)
        const headerEnd = text.indexOf('\r\n\r\n')
        if (length && headerEnd >= 0 && Buffer.byteLength(text.slice(headerEnd + 4)) >= Number(length[1])) return text
        if (!length && headerEnd >= 0 && text.endsWith('\r\n0\r\n\r\n')) return text
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      throw new Error(`no full response on the kept-alive socket: ${received.slice(start)}`)
    },
    close: () => socket.destroy(),
  }
}
