import clsx from 'clsx'
import { Eraser, Pause, Play } from 'lucide-react'
import { useDeferredValue, useMemo, useState } from 'react'

import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { Input } from 'components/ui/Input'
import { useRedisPubSubSubscription, type PubSubEntry, type PubSubSocketState } from 'data/redis-pubsub/pubsub-subscription'
import { useProjectPermissions } from 'hooks/useProjectPermissions'
import { ActiveChannels } from './ActiveChannels'
import { MessageList } from './MessageList'
import { PublishForm } from './PublishForm'
import { SubscriptionForm } from './SubscriptionForm'

const STATE_LABELS: Record<PubSubSocketState, { label: string; variant: 'brand' | 'warning' | 'destructive' | 'default' }> = {
  connecting: { label: 'connecting', variant: 'default' },
  open: { label: 'live', variant: 'brand' },
  'redis-reconnecting': { label: 'redis reconnecting', variant: 'warning' },
  'waiting-to-retry': { label: 'disconnected', variant: 'destructive' },
}

function matches(entry: PubSubEntry, needle: string): boolean {
  if (entry.kind === 'notice') return true
  return entry.channel.toLowerCase().includes(needle) || entry.message.toLowerCase().includes(needle)
}

/** Redis → Pub/Sub: live subscriptions over the Studio's WebSocket, publishing and the server's channels. */
export function PubSubViewer({ projectRef, connectionId }: { projectRef: string; connectionId: string }) {
  // The server refuses a read_only member's publish anyway; the form is not offered to them.
  const canPublish = useProjectPermissions(projectRef).can('write')
  const [paused, setPaused] = useState(false)
  const [filter, setFilter] = useState('')
  const [publishChannel, setPublishChannel] = useState('')
  const { state, entries, counters, subscriptions, subscribe, unsubscribe, clear } = useRedisPubSubSubscription({
    ref: projectRef,
    connectionId,
    paused,
  })

  const needle = useDeferredValue(filter.trim().toLowerCase())
  const visible = useMemo(() => (needle ? entries.filter((entry) => matches(entry, needle)) : entries), [entries, needle])
  const status = STATE_LABELS[state]
  const dropped = counters.droppedByServer + counters.droppedByViewer
  const subscribed = subscriptions.channels.length + subscriptions.patterns.length > 0

  return (
    <div className="grid min-h-0 gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="flex min-w-0 flex-col gap-3">
        <SubscriptionForm subscriptions={subscriptions} onSubscribe={subscribe} onUnsubscribe={unsubscribe} disabled={state !== 'open' && state !== 'redis-reconnecting'} />
        <div className="flex flex-wrap items-center gap-2">
          <Input aria-label="Filter messages" placeholder="Filter by channel or message" value={filter} onChange={(event) => setFilter(event.target.value)} className="h-7 w-64 text-xs" />
          <Button size="small" icon={paused ? Play : Pause} onClick={() => setPaused(!paused)} aria-pressed={paused}>
            {paused ? 'Resume' : 'Pause'}
          </Button>
          <Button size="small" icon={Eraser} onClick={clear}>
            Clear
          </Button>
          <div className="ml-auto flex flex-wrap items-center gap-2 text-xxs text-foreground-muted">
            <Badge variant={status.variant}>{status.label}</Badge>
            <span data-testid="pubsub-received">
              Received <span className="font-mono text-foreground">{counters.received.toLocaleString('en-US')}</span>
            </span>
            <span>
              Shown <span className="font-mono text-foreground">{visible.filter((entry) => entry.kind === 'message').length.toLocaleString('en-US')}</span>
            </span>
            {paused && counters.arrivedWhilePaused > 0 && (
              <Badge variant="warning">{`${counters.arrivedWhilePaused.toLocaleString('en-US')} new while paused`}</Badge>
            )}
            <span
              data-testid="pubsub-dropped"
              title={`Dropped by the Studio (this viewer fell behind): ${counters.droppedByServer}. Dropped by this page to stay within its memory bound (oldest first): ${counters.droppedByViewer}.`}
              className={clsx('rounded border px-1.5 py-px font-mono', dropped > 0 ? 'border-warning/40 bg-warning-faint text-warning' : 'border-border-strong')}
            >
              {`Dropped ${dropped.toLocaleString('en-US')}`}
              {dropped > 0 && ` (server ${counters.droppedByServer.toLocaleString('en-US')} · page ${counters.droppedByViewer.toLocaleString('en-US')})`}
            </span>
          </div>
        </div>
        <div className="flex h-[calc(100vh-19rem)] min-h-[18rem] flex-col">
          <MessageList
            entries={visible}
            emptyText={
              !subscribed ? 'Subscribe to a channel or a pattern to watch its messages here.' : needle ? 'No message matches the filter.' : 'Waiting for messages…'
            }
          />
        </div>
      </div>
      <aside className="flex flex-col gap-5">
        {canPublish && (
          <PublishForm projectRef={projectRef} connectionId={connectionId} channel={publishChannel} onChannelChange={setPublishChannel} />
        )}
        <ActiveChannels
          projectRef={projectRef}
          connectionId={connectionId}
          watching={subscriptions.channels}
          onWatch={(channel) => subscribe([channel], [])}
          onPick={setPublishChannel}
        />
      </aside>
    </div>
  )
}
