import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'

/** A spare loopback port, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface StudioProcess {
  url: string
  port: number
  pid: number
  /** Sends `signal` (no SIGKILL fallback) and resolves with the exit code (null when a signal ended it). */
  kill(signal: NodeJS.Signals): Promise<number | null>
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code (null when it had to be killed). */
  stop(): Promise<number | null>
  output(): string
}

const studioDir = path.resolve(__dirname, '../..')

/**
 * Starts the built Studio (`server.ts` in production mode) with the given environment and waits for
 * it to answer /api/health. Tests talk to it over HTTP like any client.
 */
export async function startStudio(env: Record<string, string | undefined>): Promise<StudioProcess> {
  const port = await freePort()
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: studioDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Studio exited early:\n${output}`)
    try {
      const response = await fetch(`${url}/api/health`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  if (Date.now() >= deadline) throw new Error(`Studio did not become healthy:\n${output}`)
  return {
    url,
    port,
    pid: child.pid!,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      child.kill(signal)
      return exited
    },
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
}
