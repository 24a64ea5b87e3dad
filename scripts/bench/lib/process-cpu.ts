import { execSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** User + system CPU time a process has used, in milliseconds (Linux /proc, 10 ms ticks). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** The pid of the process listening on a loopback TCP port (the Studio child of startStudio). */
export function listenerPid(port: number): number {
  const match = /pid=(\d+)/.exec(execSync(`ss -ltnpH 'sport = :${port}'`).toString())
  if (!match) throw new Error(`no process listens on port ${port}`)
  return Number(match[1])
}
