import { syncJobEventSchema, type SyncJobEvent } from '@multibase/api-contracts'
import { useEffect, useState } from 'react'

import { getAccessToken } from '../fetchers'
import { syncJobsPath } from './keys'

/**
 * A sync job's event stream. EventSource can't send the Authorization header (and tokens never go in
 * a URL), so the stream is read with fetch; on a drop it reconnects with Last-Event-ID and misses nothing.
 */
export function useSyncJobEvents({ ref, id, onEvent }: { ref: string | undefined; id: string | undefined; onEvent?: (event: SyncJobEvent) => void }) {
  const [events, setEvents] = useState<SyncJobEvent[]>([])
  useEffect(() => {
    if (!ref || !id) return
    const controller = new AbortController()
    let lastId: string | undefined
    setEvents([])
    const read = async () => {
      while (!controller.signal.aborted) {
        try {
          const token = await getAccessToken()
          const headers: Record<string, string> = { accept: 'text/event-stream' }
          if (token) headers.authorization = `Bearer ${token}`
          if (lastId) headers['last-event-id'] = lastId
          const response = await fetch(syncJobsPath(ref, id, 'stream'), { headers, signal: controller.signal })
          if (!response.ok || !response.body) throw new Error(`stream ${response.status}`)
          const reader = response.body.getReader()
          const decoder = new TextDecoder()
          let buffer = ''
          for (;;) {
            const { value, done } = await reader.read()
            if (done) break
            buffer += decoder.decode(value, { stream: true })
            let end: number
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const data = buffer
                .slice(0, end)
                .split('\n')
                .find((line) => line.startsWith('data:'))
              buffer = buffer.slice(end + 2)
              if (!data) continue
              const event = syncJobEventSchema.parse(JSON.parse(data.slice(5)))
              lastId = event.id
              setEvents((previous) => [...previous, event])
              onEvent?.(event)
            }
          }
        } catch {
          if (controller.signal.aborted) return
        }
        await new Promise((resolve) => setTimeout(resolve, 2000))
      }
    }
    void read()
    return () => controller.abort()
    // onEvent is a notification only: a new callback must not restart the stream, so it is not a dependency.
  }, [ref, id])
  return events
}
