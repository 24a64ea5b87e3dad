import type { RedisKeyRef } from '@multibase/api-contracts'
import { Plus, X } from 'lucide-react'
import { useState } from 'react'

import { Button } from 'components/ui/Button'
import { Dialog } from 'components/ui/Dialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input, Textarea } from 'components/ui/Input'
import { Select } from 'components/ui/Select'
import { toast } from 'components/ui/toast'
import { useRedisKeyCreateMutation } from 'data/redis/redis-key-create-mutation'
import { buildCreateBody, NEW_KEY_TYPES, ROW_FIELDS, type NewKeyType } from './new-key-value'

/** "Add key": name, type, optional TTL and a first value of that type. */
export function AddKeyDialog({
  open,
  onClose,
  projectRef,
  connectionId,
  onCreated,
}: {
  open: boolean
  onClose: () => void
  projectRef: string
  connectionId: string
  onCreated: (key: RedisKeyRef) => void
}) {
  const [name, setName] = useState('')
  const [type, setType] = useState<NewKeyType>('string')
  const [ttlText, setTtlText] = useState('')
  const [text, setText] = useState('')
  const [rows, setRows] = useState<string[][]>([['', '']])
  const [error, setError] = useState<unknown>()
  const { trigger, isMutating } = useRedisKeyCreateMutation()

  const reset = () => {
    setName('')
    setType('string')
    setTtlText('')
    setText('')
    setRows([['', '']])
    setError(undefined)
  }

  const close = () => {
    reset()
    onClose()
  }

  const submit = async () => {
    setError(undefined)
    if (!name) return setError(new Error('The key needs a name'))
    const ttl = ttlText.trim() === '' ? undefined : Number(ttlText)
    if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1)) return setError(new Error('The TTL must be a whole number of seconds, at least 1'))
    const body = buildCreateBody(type, text, rows, ttl)
    if (typeof body === 'string') return setError(new Error(body))
    const key: RedisKeyRef = { name, encoding: 'utf8' }
    try {
      await trigger({ ref: projectRef, connectionId, key, body })
      toast.success(`${name} created`)
      reset()
      onCreated(key)
    } catch (caught) {
      setError(caught)
    }
  }

  const fields = type === 'string' || type === 'json' ? undefined : ROW_FIELDS[type]

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Add key"
      size="large"
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" loading={isMutating}>
            Add key
          </Button>
        </>
      }
    >
      <div className="grid grid-cols-[1fr_10rem_10rem] gap-3">
        <FormField label="Key name">
          {(id) => <Input id={id} className="font-mono" value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />}
        </FormField>
        <FormField label="Type">
          {(id) => (
            <Select
              id={id}
              value={type}
              onChange={(event) => setType(event.target.value as NewKeyType)}
              options={NEW_KEY_TYPES.map((value) => ({ value, label: value === 'json' ? 'json (RedisJSON)' : value }))}
            />
          )}
        </FormField>
        <FormField label="TTL (seconds)" description="Empty: never expires">
          {(id) => <Input id={id} inputMode="numeric" value={ttlText} onChange={(event) => setTtlText(event.target.value)} />}
        </FormField>
      </div>
      {fields ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1.5 text-xs font-medium text-foreground-light">{type === 'stream' ? 'First entry (id assigned by Redis)' : 'Value'}</legend>
          {rows.map((row, index) => (
            <div key={index} className="flex items-center gap-2">
              {fields.map((field, at) => (
                <Input
                  key={field}
                  aria-label={`${field} ${index + 1}`}
                  placeholder={field}
                  className="h-7 font-mono text-xs"
                  value={row[at] ?? ''}
                  onChange={(event) =>
                    setRows((current) => current.map((cells, rowIndex) => (rowIndex === index ? cells.map((cell, cellIndex) => (cellIndex === at ? event.target.value : cell)) : cells)))
                  }
                />
              ))}
              <Button
                size="tiny"
                variant="ghost"
                icon={X}
                aria-label={`Remove row ${index + 1}`}
                disabled={rows.length === 1}
                onClick={() => setRows((current) => current.filter((_, rowIndex) => rowIndex !== index))}
              />
            </div>
          ))}
          <div>
            <Button size="tiny" icon={Plus} onClick={() => setRows((current) => [...current, ['', '']])}>
              Add row
            </Button>
          </div>
        </fieldset>
      ) : (
        <FormField label={type === 'json' ? 'Value (JSON)' : 'Value'}>
          {(id) => <Textarea id={id} rows={8} value={text} onChange={(event) => setText(event.target.value)} />}
        </FormField>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
    </Dialog>
  )
}
