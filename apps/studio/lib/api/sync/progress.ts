import type { SyncProgress, SyncUnitProgress } from '@multibase/api-contracts'

/**
 * Progress of one run per unit (table, collection, key pattern). Counters carry over from the
 * saved progress of earlier runs, rates count only this run (a resumed job's rate is its own).
 */
export class SyncProgressTracker {
  private readonly units = new Map<string, SyncUnitProgress>()
  private readonly runStart = new Map<string, { at: number; done: number }>()
  warnings = 0

  constructor(saved?: Record<string, unknown>) {
    const previous = saved as Partial<SyncProgress> | undefined
    for (const unit of previous?.units ?? []) this.units.set(unit.unit, { ...unit })
    this.warnings = previous?.warnings ?? 0
  }

  begin(unit: string, total: number | null): void {
    const current = this.units.get(unit)
    const now = new Date().toISOString()
    if (current) {
      current.total = total
      if (!current.finished) current.retries += 1
    } else {
      this.units.set(unit, { unit, done: 0, total, bytes: 0, rate: 0, etaSeconds: null, finished: false, startedAt: now, finishedAt: null, retries: 0 })
    }
    this.runStart.set(unit, { at: Date.now(), done: this.units.get(unit)!.done })
  }

  add(unit: string, count: number, bytes: number): SyncUnitProgress {
    const current = this.units.get(unit)!
    current.done += count
    current.bytes += bytes
    const start = this.runStart.get(unit)
    const seconds = start ? (Date.now() - start.at) / 1000 : 0
    current.rate = seconds > 0 && start ? Math.round((current.done - start.done) / seconds) : 0
    current.etaSeconds = current.total !== null && current.rate > 0 ? Math.max(0, Math.round((current.total - current.done) / current.rate)) : null
    return { ...current }
  }

  finish(unit: string): SyncUnitProgress {
    const current = this.units.get(unit)!
    current.finished = true
    current.etaSeconds = 0
    current.finishedAt = new Date().toISOString()
    return { ...current }
  }

  isFinished(unit: string): boolean {
    return this.units.get(unit)?.finished === true
  }

  snapshot(): SyncProgress {
    const units = [...this.units.values()].map((unit) => ({ ...unit }))
    const totals = units.map((unit) => unit.total)
    return {
      units,
      done: units.reduce((sum, unit) => sum + unit.done, 0),
      total: totals.some((total) => total === null) ? null : totals.reduce<number>((sum, total) => sum + (total ?? 0), 0),
      bytes: units.reduce((sum, unit) => sum + unit.bytes, 0),
      warnings: this.warnings,
    }
  }
}
