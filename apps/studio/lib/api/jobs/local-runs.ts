import { processSingleton } from '../../singleton'

/** A job this instance is running right now. */
interface LocalRun {
  kind: string
  /** Asks the job to stop at its next batch boundary (shutdown). */
  stop(): void
  done: Promise<void>
}

const localRuns = () => processSingleton('job-local-runs', () => new Map<string, LocalRun>())

export function trackLocalRun(id: string, run: LocalRun): void {
  localRuns().set(id, run)
  void run.done.finally(() => localRuns().delete(id))
}

export function localRunCount(kind: string): number {
  let count = 0
  for (const run of localRuns().values()) if (run.kind === kind) count++
  return count
}

/**
 * Shutdown: every local job stops at its next batch boundary. Resolves once all have let go, or after
 * `timeoutMs` with those still stuck in a batch: they stop heartbeating with the process and another
 * instance takes them over from their last checkpoint.
 */
export async function stopLocalRuns(timeoutMs: number): Promise<void> {
  const runs = [...localRuns().values()]
  for (const run of runs) run.stop()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
  await Promise.race([Promise.all(runs.map((run) => run.done)), timeout])
  clearTimeout(timer)
}
