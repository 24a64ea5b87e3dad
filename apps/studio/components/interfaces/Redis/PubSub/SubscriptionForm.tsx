import { Plus, X } from 'lucide-react'
import { useState, type FormEvent } from 'react'

import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'

type Kind = 'channel' | 'pattern'

/** Adds channel or pattern subscriptions and lists the confirmed ones, each removable. */
export function SubscriptionForm({
  subscriptions,
  onSubscribe,
  onUnsubscribe,
  disabled,
}: {
  subscriptions: { channels: string[]; patterns: string[] }
  onSubscribe: (channels: string[], patterns: string[]) => void
  onUnsubscribe: (channels: string[], patterns: string[]) => void
  disabled: boolean
}) {
  const [kind, setKind] = useState<Kind>('channel')
  const [name, setName] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) return
    if (kind === 'channel') onSubscribe([trimmed], [])
    else onSubscribe([], [trimmed])
    setName('')
  }

  const none = subscriptions.channels.length === 0 && subscriptions.patterns.length === 0

  return (
    <div className="flex flex-col gap-2">
      <form onSubmit={submit} className="flex items-center gap-2" aria-label="Subscribe">
        <Select
          aria-label="Subscription kind"
          className="w-36 shrink-0"
          value={kind}
          onChange={(event) => setKind(event.target.value as Kind)}
          options={[
            { value: 'channel', label: 'Channel' },
            { value: 'pattern', label: 'Pattern' },
          ]}
        />
        <Input
          aria-label={kind === 'channel' ? 'Channel name' : 'Channel pattern'}
          placeholder={kind === 'channel' ? 'orders:created' : 'orders:* (glob)'}
          value={name}
          maxLength={1024}
          onChange={(event) => setName(event.target.value)}
          className="font-mono text-xs"
        />
        <Button type="submit" icon={Plus} disabled={disabled || !name.trim()}>
          Subscribe
        </Button>
      </form>
      <ul aria-label="Subscriptions" className="flex flex-wrap items-center gap-1.5 text-xs">
        {none && <li className="text-foreground-muted">Not subscribed to anything yet.</li>}
        {subscriptions.channels.map((channel) => (
          <SubscriptionChip key={`c:${channel}`} label={channel} kind="channel" onRemove={() => onUnsubscribe([channel], [])} />
        ))}
        {subscriptions.patterns.map((pattern) => (
          <SubscriptionChip key={`p:${pattern}`} label={pattern} kind="pattern" onRemove={() => onUnsubscribe([], [pattern])} />
        ))}
      </ul>
    </div>
  )
}

function SubscriptionChip({ label, kind, onRemove }: { label: string; kind: Kind; onRemove: () => void }) {
  return (
    <li className="flex items-center gap-1.5 rounded-md border border-border-strong bg-surface-raised py-0.5 pl-2 pr-1">
      <Badge variant={kind === 'pattern' ? 'warning' : 'brand'}>{kind}</Badge>
      <span className="max-w-[16rem] truncate font-mono" title={label}>
        {label}
      </span>
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Unsubscribe from ${kind} ${label}`}
        className="rounded p-0.5 text-foreground-muted hover:bg-border hover:text-foreground"
      >
        <X className="h-3 w-3" aria-hidden />
      </button>
    </li>
  )
}
