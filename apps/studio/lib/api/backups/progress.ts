import type { EngineProgress } from './engines/types'

/** How often a running backup or restore saves its progress (each save is a platform write). */
const SAVE_EVERY_MS = 250

/**
 * Turns the engine's synchronous progress callbacks into throttled job checkpoints. `stopped` turns
 * true once a checkpoint said to stop (cancel, takeover, shutdown); the caller then aborts the engine.
 */
export function progressSaver(
  base: Record<string, unknown>,
  checkpoint: (progress: Record<string, unknown>, state: Record<string, unknown>) => Promise<boolean>,
  onStop: () => void
) {
  let latest: Record<string, unknown> = { ...base, phase: 'starting', current: null, done: 0, total: null }
  let lastSave = 0
  let saving: Promise<void> = Promise.resolve()
  let stopped = false
  const save = () => {
    lastSave = Date.now()
    const snapshot = latest
    saving = saving.then(async () => {
      if (stopped) return
      if (!(await checkpoint(snapshot, {}))) {
        stopped = true
        onStop()
      }
    })
    return saving
  }
  return {
    get progress() {
      return latest
    },
    get stopped() {
      return stopped
    },
    phase(phase: string) {
      latest = { ...latest, phase }
      return save()
    },
    update(progress: EngineProgress) {
      latest = { ...latest, ...progress }
      if (Date.now() - lastSave >= SAVE_EVERY_MS) void save().catch(() => undefined)
    },
    async flush(extra: Record<string, unknown> = {}) {
      latest = { ...latest, ...extra }
      await save()
    },
  }
}
