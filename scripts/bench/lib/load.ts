import { Agent, request } from 'node:http'

/**
 * Sends `total` GETs to `url` from `concurrency` keep-alive connections (each connection one request
 * at a time) and returns requests per second. Bounded: it stops after `total` requests.
 */
export async function measureThroughput(url: string, headers: Record<string, string>, concurrency: number, total: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const target = new URL(url)
  let sent = 0
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, agent, headers }, (res) => {
        let body = ''
        res.on('data', (chunk) => {
          if (res.statusCode !== 200) body += chunk
        })
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url}: status ${res.statusCode} ${body.slice(0, 300)}`))))
      })
      req.on('error', reject)
      req.end()
    })
  const worker = async () => {
    while (sent < total) {
      sent++
      await once()
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  return total / seconds
}

/** Like measureThroughput, and also every request's latency in milliseconds (for percentiles). */
export async function measureLatencies(
  url: string,
  headers: Record<string, string>,
  concurrency: number,
  total: number
): Promise<{ rate: number; latencies: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const target = new URL(url)
  const latencies: number[] = []
  let sent = 0
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now()
      const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, agent, headers }, (res) => {
        let body = ''
        res.on('data', (chunk) => {
          if (res.statusCode !== 200) body += chunk
        })
        res.on('end', () => {
          latencies.push(performance.now() - started)
          if (res.statusCode === 200) resolve()
          else reject(new Error(`${url}: status ${res.statusCode} ${body.slice(0, 300)}`))
        })
      })
      req.on('error', reject)
      req.end()
    })
  const worker = async () => {
    while (sent < total) {
      sent++
      await once()
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  return { rate: total / seconds, latencies }
}

/** `median (min–max)` of a series, each value formatted by `format`. */
export function spread(values: number[], format: (value: number) => string): string {
  const sorted = [...values].sort((a, b) => a - b)
  return `${format(sorted[Math.floor(sorted.length / 2)])} (${format(sorted[0])}–${format(sorted[sorted.length - 1])})`
}
