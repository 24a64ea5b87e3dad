import { Send } from 'lucide-react'
import { useState, type FormEvent } from 'react'

import { FormField, Input, Textarea } from 'components/ui/Input'
import { Button } from 'components/ui/Button'
import { toast, toastError } from 'components/ui/toast'
import { useRedisPublishMutation } from 'data/redis-pubsub/pubsub-publish-mutation'

/** PUBLISH a text message; the answer says how many subscribers (of any client) got it. */
export function PublishForm({ projectRef, connectionId, channel, onChannelChange }: {
  projectRef: string
  connectionId: string
  channel: string
  onChannelChange: (channel: string) => void
}) {
  const [message, setMessage] = useState('')
  const [lastReceivers, setLastReceivers] = useState<number>()
  const { trigger, isMutating } = useRedisPublishMutation()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    try {
      const { receivers } = await trigger({ ref: projectRef, connectionId, channel: channel.trim(), message, encoding: 'utf8' })
      setLastReceivers(receivers)
      toast.success(`Published to ${channel.trim()}`, { description: `${receivers} receiver${receivers === 1 ? '' : 's'}` })
    } catch (error) {
      toastError(error, 'The message could not be published')
    }
  }

  return (
    <form aria-label="Publish" onSubmit={(event) => void submit(event)} className="flex flex-col gap-3 rounded-md border border-border bg-surface p-3">
      <h2 className="text-xs font-medium text-foreground">Publish</h2>
      <FormField label="Channel">
        {(id) => (
          <Input id={id} value={channel} maxLength={1024} onChange={(event) => onChannelChange(event.target.value)} className="font-mono text-xs" placeholder="orders:created" />
        )}
      </FormField>
      <FormField label="Message">
        {(id) => <Textarea id={id} rows={4} value={message} onChange={(event) => setMessage(event.target.value)} placeholder='{"id": 42}' />}
      </FormField>
      <div className="flex items-center justify-between gap-2">
        <span className="text-xxs text-foreground-muted" aria-live="polite">
          {lastReceivers !== undefined && `Last message: ${lastReceivers} receiver${lastReceivers === 1 ? '' : 's'}`}
        </span>
        <Button type="submit" variant="primary" icon={Send} loading={isMutating} disabled={!channel.trim()}>
          Publish
        </Button>
      </div>
    </form>
  )
}
