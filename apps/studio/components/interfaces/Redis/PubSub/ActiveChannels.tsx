import { Eye, RefreshCw } from 'lucide-react'
import { useEffect, useState } from 'react'

import { Button } from 'components/ui/Button'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Input } from 'components/ui/Input'
import { Loading } from 'components/ui/Loading'
import { Table, Td, Th, Tr } from 'components/ui/Table'
import { useRedisPubSubChannelsQuery } from 'data/redis-pubsub/pubsub-channels-query'

const POLL_INTERVAL_MS = 3_000

/** Channels with subscribers on the server (any client), polled, with a shortcut to watch one. */
export function ActiveChannels({
  projectRef,
  connectionId,
  watching,
  onWatch,
  onPick,
}: {
  projectRef: string
  connectionId: string
  /** The channels this page subscribes to; a change is reflected at once, not at the next poll. */
  watching: string[]
  onWatch: (channel: string) => void
  onPick: (channel: string) => void
}) {
  const [pattern, setPattern] = useState('')
  const { data, error, isLoading, mutate, isValidating } = useRedisPubSubChannelsQuery({
    ref: projectRef,
    connectionId,
    pattern: pattern.trim() || '*',
    refreshInterval: POLL_INTERVAL_MS,
  })
  const watchingKey = watching.join('\n')
  useEffect(() => {
    void mutate()
  }, [watchingKey, mutate])

  return (
    <section aria-label="Active channels" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-xs font-medium text-foreground">Active channels</h2>
        <Button size="tiny" variant="ghost" icon={RefreshCw} onClick={() => void mutate()} loading={isValidating && !isLoading}>
          Refresh
        </Button>
      </div>
      <Input aria-label="Channel filter" placeholder="Filter (glob), e.g. orders:*" value={pattern} onChange={(event) => setPattern(event.target.value)} className="h-7 font-mono text-xs" />
      {error ? (
        <ErrorMessage error={error} title="Channels could not be listed" />
      ) : isLoading || !data ? (
        <Loading />
      ) : (
        <>
          <Table aria-label="Active channels table">
            <thead>
              <Tr>
                <Th>Channel</Th>
                <Th className="w-20 text-right">Subscribers</Th>
                <Th className="w-8 px-1">
                  <span className="sr-only">Watch</span>
                </Th>
              </Tr>
            </thead>
            <tbody>
              {data.channels.length === 0 ? (
                <Tr>
                  <Td colSpan={3} className="text-foreground-muted">
                    No channel has a subscriber.
                  </Td>
                </Tr>
              ) : (
                data.channels.map((channel) => (
                  <Tr key={channel.name}>
                    <Td className="max-w-[11rem] font-mono">
                      <button type="button" className="block w-full truncate text-left hover:underline" title={`Publish to ${channel.name}`} onClick={() => onPick(channel.name)}>
                        {channel.name}
                      </button>
                    </Td>
                    <Td className="text-right font-mono tabular-nums">{channel.subscribers}</Td>
                    <Td className="w-8 px-1 py-1">
                      {!watching.includes(channel.name) && (
                        <Button size="tiny" variant="ghost" icon={Eye} aria-label={`Watch ${channel.name}`} title="Subscribe to this channel" onClick={() => onWatch(channel.name)} />
                      )}
                    </Td>
                  </Tr>
                ))
              )}
            </tbody>
          </Table>
          <p className="text-xxs text-foreground-muted">
            Pattern subscriptions on the server: <span className="font-mono">{data.patternSubscriptions}</span>
            {data.truncated && ' · list truncated, narrow the filter'}
          </p>
        </>
      )}
    </section>
  )
}
