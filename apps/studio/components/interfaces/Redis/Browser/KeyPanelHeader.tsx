import type { RedisKeyDetail, RedisKeyRef } from '@multibase/api-contracts'
import { Clock, Pencil, Trash2 } from 'lucide-react'
import { useState, type FormEvent } from 'react'

import { Button } from 'components/ui/Button'
import { ConfirmDialog } from 'components/ui/ConfirmDialog'
import { Dialog } from 'components/ui/Dialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input } from 'components/ui/Input'
import { toast, toastError } from 'components/ui/toast'
import { useRedisKeyDeleteMutation } from 'data/redis/redis-key-delete-mutation'
import { useRedisKeyExpireMutation } from 'data/redis/redis-key-expire-mutation'
import { useRedisKeyUpdateMutation } from 'data/redis/redis-key-update-mutation'
import { KeyTtlBadge, KeyTypeBadge } from './KeyBadges'
import { countOf, displayKeyName, formatBytes, formatCount } from './key-names'

const LENGTH_UNIT: Record<string, [string, string]> = {
  string: ['byte', 'bytes'],
  hash: ['field', 'fields'],
  list: ['item', 'items'],
  set: ['member', 'members'],
  zset: ['member', 'members'],
  stream: ['entry', 'entries'],
}

/** Name, type, TTL and size of the selected key, with its TTL editor, rename and delete. */
export function KeyPanelHeader({
  projectRef,
  connectionId,
  detail,
  canWrite,
  onDeleted,
  onRenamed,
}: {
  projectRef: string
  connectionId: string
  detail: RedisKeyDetail
  canWrite: boolean
  onDeleted: (key: RedisKeyRef) => void
  onRenamed: (from: RedisKeyRef, to: RedisKeyRef) => void
}) {
  const key: RedisKeyRef = { name: detail.name, encoding: detail.encoding }
  const name = displayKeyName(key)
  const [ttlText, setTtlText] = useState('')
  const [renaming, setRenaming] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const expire = useRedisKeyExpireMutation()
  const remove = useRedisKeyDeleteMutation()

  const setTtl = async (event: FormEvent) => {
    event.preventDefault()
    const seconds = Number(ttlText)
    if (!Number.isInteger(seconds) || seconds < 1) {
      toast.error('The TTL must be a whole number of seconds, at least 1')
      return
    }
    try {
      await expire.trigger({ ref: projectRef, connectionId, key, body: { seconds } })
      setTtlText('')
      toast.success(`${name} now expires in ${formatCount(seconds)} s`)
    } catch (error) {
      toastError(error, 'The TTL was not changed')
    }
  }

  const persist = async () => {
    try {
      await expire.trigger({ ref: projectRef, connectionId, key, body: { persist: true } })
      toast.success(`${name} no longer expires`)
    } catch (error) {
      toastError(error, 'The TTL was not removed')
    }
  }

  return (
    <header className="flex flex-col gap-3 border-b border-border px-4 py-3">
      <div className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1.5">
          <h2 className="break-all font-mono text-sm font-medium text-foreground" data-testid="selected-key-name">
            {name}
          </h2>
          <div className="flex flex-wrap items-center gap-2 text-xxs text-foreground-muted">
            <KeyTypeBadge type={detail.type} />
            {detail.encoding === 'base64' && <span className="rounded border border-border-strong px-1 font-mono">binary name</span>}
            <span data-testid="selected-key-ttl">{detail.ttl === null ? 'No TTL' : <KeyTtlBadge ttl={detail.ttl} />}</span>
            {detail.length !== null && <span data-testid="selected-key-length">{countOf(detail.length, ...(LENGTH_UNIT[detail.type] ?? ['element', 'elements']))}</span>}
            {detail.objectEncoding && <span className="font-mono">{detail.objectEncoding}</span>}
            {detail.memoryUsage !== null && <span>{formatBytes(detail.memoryUsage)} in memory</span>}
          </div>
        </div>
        {canWrite && (
          <div className="flex shrink-0 gap-1.5">
            <Button size="tiny" icon={Pencil} onClick={() => setRenaming(true)}>
              Rename
            </Button>
            <Button size="tiny" variant="danger" icon={Trash2} onClick={() => setDeleting(true)}>
              Delete key
            </Button>
          </div>
        )}
      </div>
      {canWrite && (
        <form className="flex items-center gap-2" onSubmit={(event) => void setTtl(event)} aria-label="Time to live">
          <Clock className="h-3.5 w-3.5 text-foreground-muted" aria-hidden />
          <div className="w-40">
            <Input
              aria-label="TTL in seconds"
              placeholder={detail.ttl === null ? 'TTL in seconds' : `${detail.ttl} s left`}
              inputMode="numeric"
              className="h-7 text-xs"
              value={ttlText}
              onChange={(event) => setTtlText(event.target.value)}
            />
          </div>
          <Button type="submit" size="small" loading={expire.isMutating} disabled={!ttlText}>
            Set TTL
          </Button>
          {detail.ttl !== null && (
            <Button size="small" variant="ghost" onClick={() => void persist()} disabled={expire.isMutating}>
              Remove TTL
            </Button>
          )}
        </form>
      )}
      <RenameKeyDialog
        open={renaming}
        onClose={() => setRenaming(false)}
        projectRef={projectRef}
        connectionId={connectionId}
        keyRef={key}
        onRenamed={(to) => {
          setRenaming(false)
          onRenamed(key, to)
        }}
      />
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title="Delete key"
        confirmLabel="Delete key"
        description={
          <>
            <span className="break-all font-mono text-foreground">{name}</span> and its value are removed from Redis. This cannot be undone.
          </>
        }
        onConfirm={async () => {
          await remove.trigger({ ref: projectRef, connectionId, key })
          toast.success(`${name} deleted`)
          onDeleted(key)
        }}
      />
    </header>
  )
}

function RenameKeyDialog({
  open,
  onClose,
  projectRef,
  connectionId,
  keyRef,
  onRenamed,
}: {
  open: boolean
  onClose: () => void
  projectRef: string
  connectionId: string
  keyRef: RedisKeyRef
  onRenamed: (to: RedisKeyRef) => void
}) {
  const [newName, setNewName] = useState('')
  const [error, setError] = useState<unknown>()
  const { trigger, isMutating } = useRedisKeyUpdateMutation()

  const submit = async () => {
    setError(undefined)
    try {
      await trigger({ ref: projectRef, connectionId, key: keyRef, body: { action: 'rename', newName, valueEncoding: 'utf8' } })
      toast.success(`Renamed to ${newName}`)
      setNewName('')
      onRenamed({ name: newName, encoding: 'utf8' })
    } catch (caught) {
      setError(caught)
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Rename key"
      description={<span className="break-all font-mono">{displayKeyName(keyRef)}</span>}
      size="small"
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={isMutating} disabled={!newName}>
            Rename
          </Button>
        </>
      }
    >
      <FormField label="New name" description="Refused when a key of that name exists.">
        {(id) => <Input id={id} className="font-mono" value={newName} onChange={(event) => setNewName(event.target.value)} autoComplete="off" />}
      </FormField>
      {error !== undefined && <ErrorMessage error={error} />}
    </Dialog>
  )
}
