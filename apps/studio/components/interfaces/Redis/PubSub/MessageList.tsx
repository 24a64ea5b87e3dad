import { useVirtualizer } from '@tanstack/react-virtual'
import clsx from 'clsx'
import { Radio } from 'lucide-react'
import { useEffect, useRef } from 'react'

import { Badge } from 'components/ui/Badge'
import type { PubSubEntry } from 'data/redis-pubsub/pubsub-subscription'

const ROW_HEIGHT = 28
/** A row shows the start of a long payload; the full text is in its tooltip up to this length. */
const PREVIEW_CHARS = 500
const TOOLTIP_CHARS = 4_000

function formatTime(ms: number): string {
  const date = new Date(ms)
  const pad = (value: number, width = 2) => String(value).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/**
 * The live list, virtualised: only the visible rows exist in the DOM whatever the number kept. It
 * follows the newest entry while scrolled to the bottom and stays put when the reader scrolled up.
 */
export function MessageList({ entries, emptyText }: { entries: PubSubEntry[]; emptyText: string }) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const atBottom = useRef(true)
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => entries[index].seq,
  })

  useEffect(() => {
    if (atBottom.current && entries.length > 0) virtualizer.scrollToIndex(entries.length - 1, { align: 'end' })
  }, [entries, virtualizer])

  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-md border border-border bg-surface">
      <div className="grid grid-cols-[7.5rem_18rem_1fr] border-b border-border bg-surface-raised px-3 py-1.5 text-xxs font-medium uppercase tracking-wide text-foreground-muted">
        <span>Time</span>
        <span>Channel</span>
        <span>Message</span>
      </div>
      <div
        ref={scrollRef}
        role="log"
        aria-label="Messages"
        aria-live="off"
        className="relative min-h-0 flex-1 overflow-auto"
        onScroll={(event) => {
          const element = event.currentTarget
          atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < ROW_HEIGHT * 2
        }}
      >
        {entries.length === 0 ? (
          <div className="flex h-full flex-col items-center justify-center gap-2 p-6 text-xs text-foreground-muted">
            <Radio className="h-5 w-5" aria-hidden />
            {emptyText}
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize() }} className="relative w-full">
            {virtualizer.getVirtualItems().map((item) => {
              const entry = entries[item.index]
              return (
                <div
                  key={item.key}
                  className="absolute left-0 top-0 w-full"
                  style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                >
                  {entry.kind === 'message' ? <MessageRow entry={entry} /> : <NoticeRow entry={entry} />}
                </div>
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
}

function MessageRow({ entry }: { entry: Extract<PubSubEntry, { kind: 'message' }> }) {
  return (
    <div
      data-testid="pubsub-message"
      className="grid h-full grid-cols-[7.5rem_18rem_1fr] items-center border-b border-border/60 px-3 font-mono text-xs hover:bg-surface-raised/60"
    >
      <span className="text-foreground-muted">{formatTime(entry.receivedAt)}</span>
      <span className="flex min-w-0 items-center gap-1 pr-3" title={entry.pattern ? `${entry.channel} (via pattern ${entry.pattern})` : entry.channel}>
        <span className="min-w-0 truncate text-foreground-light">{entry.channel}</span>
        {entry.channelBinary && <Badge>b64</Badge>}
        {entry.pattern && <span className="min-w-0 max-w-[50%] shrink-0 truncate text-xxs text-warning">via {entry.pattern}</span>}
      </span>
      <span className="flex min-w-0 items-center gap-1.5" title={entry.message.slice(0, TOOLTIP_CHARS)}>
        {entry.binary && <Badge>base64</Badge>}
        <span className="truncate text-foreground">{entry.message.slice(0, PREVIEW_CHARS)}</span>
      </span>
    </div>
  )
}

function NoticeRow({ entry }: { entry: Extract<PubSubEntry, { kind: 'notice' }> }) {
  return (
    <div
      role="note"
      data-testid="pubsub-notice"
      className={clsx(
        'flex h-full items-center gap-3 border-b border-border/60 px-3 text-xs',
        entry.tone === 'error' ? 'bg-destructive-faint text-destructive' : entry.tone === 'warning' ? 'bg-warning-faint text-warning' : 'bg-surface-raised text-foreground-light'
      )}
    >
      <span className="w-[7.5rem] shrink-0 font-mono">{formatTime(entry.receivedAt)}</span>
      <span className="truncate" title={entry.text}>
        {entry.text}
      </span>
    </div>
  )
}
