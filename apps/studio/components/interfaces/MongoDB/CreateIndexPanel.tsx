import { mongoCreateIndexSchema, type MongoCreateIndex } from '@multibase/api-contracts'
import { Plus, X } from 'lucide-react'
import { useEffect, useState } from 'react'

import { Button } from 'components/ui/Button'
import { Checkbox } from 'components/ui/Checkbox'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'
import { SidePanel } from 'components/ui/SidePanel'
import { toast } from 'components/ui/toast'
import { useMongoIndexCreateMutation } from 'data/mongodb/index-create-mutation'
import type { MongoCollectionTarget } from 'data/mongodb/keys'
import { checkQueryDocument, toCanonical } from './ejson'
import { EjsonEditor } from './EjsonEditor'

const DIRECTIONS = [
  { value: '1', label: 'ascending (1)' },
  { value: '-1', label: 'descending (-1)' },
  { value: 'text', label: 'text' },
  { value: '2dsphere', label: '2dsphere' },
  { value: 'hashed', label: 'hashed' },
]

interface KeyRow {
  field: string
  direction: string
}

/** Create an index: fields with direction, name, unique, sparse, TTL, partial filter (EJSON). */
export function CreateIndexPanel({ target, open, onClose }: { target: MongoCollectionTarget; open: boolean; onClose: () => void }) {
  const { trigger, isMutating } = useMongoIndexCreateMutation()
  const [keys, setKeys] = useState<KeyRow[]>([{ field: '', direction: '1' }])
  const [name, setName] = useState('')
  const [unique, setUnique] = useState(false)
  const [sparse, setSparse] = useState(false)
  const [ttl, setTtl] = useState('')
  const [partial, setPartial] = useState('')
  const [touched, setTouched] = useState(false)
  const [error, setError] = useState<unknown>()

  useEffect(() => {
    if (!open) return
    setKeys([{ field: '', direction: '1' }])
    setName('')
    setUnique(false)
    setSparse(false)
    setTtl('')
    setPartial('')
    setTouched(false)
    setError(undefined)
  }, [open])

  const partialCheck = checkQueryDocument(partial, 'partialFilterExpression')
  const ttlProblem = ttl.trim() !== '' && !/^\d+$/.test(ttl.trim()) ? 'TTL is a whole number of seconds' : undefined
  const values: MongoCreateIndex = {
    key: Object.fromEntries(keys.map((row) => [row.field.trim(), row.direction === '1' ? 1 : row.direction === '-1' ? -1 : row.direction])) as MongoCreateIndex['key'],
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(unique ? { unique: true } : {}),
    ...(sparse ? { sparse: true } : {}),
    ...(ttl.trim() && !ttlProblem ? { expireAfterSeconds: Number(ttl) } : {}),
    ...(partialCheck.ok && partialCheck.value ? { partialFilterExpression: toCanonical(partialCheck.value) } : {}),
  }
  const parsed = mongoCreateIndexSchema.safeParse(values)
  const keyProblem = keys.some((row) => !row.field.trim())
    ? 'Every key needs a field name'
    : new Set(keys.map((row) => row.field.trim())).size !== keys.length
      ? 'A field can appear only once in an index'
      : !parsed.success
        ? parsed.error.issues[0]?.message
        : undefined
  const problem = keyProblem ?? ttlProblem ?? (partialCheck.ok ? undefined : partialCheck.message)

  const submit = async () => {
    setTouched(true)
    if (problem) return
    setError(undefined)
    try {
      const created = await trigger({ ...target, values })
      toast.success(`Created index ${created.name}`)
      onClose()
    } catch (caught) {
      setError(caught)
    }
  }

  const setKey = (index: number, row: Partial<KeyRow>) => setKeys(keys.map((current, at) => (at === index ? { ...current, ...row } : current)))

  return (
    <SidePanel
      open={open}
      onClose={onClose}
      title="Create index"
      description={`${target.db}.${target.coll}`}
      size="large"
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={isMutating}>
            Create index
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-2">
        <span className="text-xs font-medium text-foreground-light">Keys</span>
        {keys.map((row, index) => (
          <div key={index} className="flex items-center gap-2">
            <Input aria-label={`Field ${index + 1}`} placeholder="field.path" value={row.field} onChange={(event) => setKey(index, { field: event.target.value })} className="font-mono" />
            <Select aria-label={`Direction ${index + 1}`} className="w-44" value={row.direction} onChange={(event) => setKey(index, { direction: event.target.value })} options={DIRECTIONS} />
            <Button size="tiny" variant="ghost" icon={X} aria-label={`Remove field ${index + 1}`} disabled={keys.length === 1} onClick={() => setKeys(keys.filter((_, at) => at !== index))} />
          </div>
        ))}
        <div>
          <Button size="tiny" icon={Plus} onClick={() => setKeys([...keys, { field: '', direction: '1' }])}>
            Add field
          </Button>
        </div>
      </div>
      <FormField label="Name" description="Left empty, MongoDB names it after its keys (field_1).">
        {(id) => <Input id={id} value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />}
      </FormField>
      <div className="flex flex-col gap-2">
        <Checkbox label="Unique" description="Refuse a second document with the same key values." checked={unique} onChange={(event) => setUnique(event.target.checked)} />
        <Checkbox label="Sparse" description="Index only documents that have the field." checked={sparse} onChange={(event) => setSparse(event.target.checked)} />
      </div>
      <FormField label="TTL (seconds)" description="Documents expire this long after the date in the (single) key field." error={ttlProblem}>
        {(id) => <Input id={id} value={ttl} inputMode="numeric" onChange={(event) => setTtl(event.target.value)} autoComplete="off" />}
      </FormField>
      <div className="flex flex-col gap-1.5">
        <span className="text-xs font-medium text-foreground-light">Partial filter (EJSON)</span>
        <EjsonEditor label="Partial filter" value={partial} onChange={setPartial} minHeight="60px" />
        {!partialCheck.ok && <p className="text-xs text-destructive">{partialCheck.message}</p>}
      </div>
      {touched && problem && (
        <p role="alert" className="text-xs text-destructive">
          {problem}
        </p>
      )}
      {error !== undefined && <ErrorMessage error={error} title="The index was not created" />}
    </SidePanel>
  )
}
