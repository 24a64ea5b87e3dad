import type { RedisStatsResponse } from '@multibase/api-contracts'
import { useEffect, useRef, useState } from 'react'

/** One point of the charts, derived from a sample and the one before it. */
export interface StatsPoint {
  /** Server time of the sample, ms since the epoch. */
  time: number
  /** Commands per second since the previous sample (exact, from the monotonic counter). */
  opsPerSec: number
  usedMemory: number
  connectedClients: number
  blockedClients: number
  /** Keyspace hits / lookups since the previous sample; null when there was no lookup. */
  hitRatio: number | null
}

/**
 * The series the Overview charts, kept in the page only (the server keeps no history): each new sample
 * becomes a point, the oldest fall off beyond `maxPoints`, and another connection starts over.
 */
export function useStatsSeries(sample: RedisStatsResponse | undefined, connectionId: string, maxPoints: number) {
  const [points, setPoints] = useState<StatsPoint[]>([])
  const previous = useRef<RedisStatsResponse | undefined>(undefined)

  useEffect(() => {
    previous.current = undefined
    setPoints([])
  }, [connectionId])

  useEffect(() => {
    if (!sample || sample.sampledAt === previous.current?.sampledAt) return
    const point = toPoint(sample, previous.current)
    previous.current = sample
    setPoints((current) => [...current, point].slice(-maxPoints))
  }, [sample, maxPoints])

  return points
}

export function toPoint(sample: RedisStatsResponse, before: RedisStatsResponse | undefined): StatsPoint {
  const time = Date.parse(sample.sampledAt)
  let opsPerSec = sample.opsPerSec
  let hitRatio = sample.hitRatio
  if (before) {
    const seconds = (time - Date.parse(before.sampledAt)) / 1000
    const commands = sample.totalCommandsProcessed - before.totalCommandsProcessed
    // A restart or CONFIG RESETSTAT sends the counters back to zero: then Redis' own estimate is used.
    if (seconds > 0 && commands >= 0) opsPerSec = commands / seconds
    const hits = sample.keyspaceHits - before.keyspaceHits
    const misses = sample.keyspaceMisses - before.keyspaceMisses
    hitRatio = hits >= 0 && misses >= 0 ? (hits + misses > 0 ? hits / (hits + misses) : null) : sample.hitRatio
  }
  return {
    time,
    opsPerSec,
    usedMemory: sample.usedMemory,
    connectedClients: sample.connectedClients,
    blockedClients: sample.blockedClients,
    hitRatio,
  }
}
