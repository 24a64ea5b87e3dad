import { spawn } from 'node:child_process'
import path from 'node:path'

/** Starts lib/bare-redis-get-server.ts on a spare port; `stop` ends it. */
export async function startBareServer(redisUrl: string): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bare-redis-get-server.ts'), redisUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  })
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk) => resolve(String(chunk).trim()))
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number, stop: () => child.kill('SIGTERM') }
}
