import { useState, type FormEvent } from 'react'

import { Button } from 'components/ui/Button'
import { FormField, Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'
import type { AuditFilterValues } from 'data/audit/keys'

const KIND_OPTIONS = [
  { value: 'data', label: 'Data' },
  { value: 'admin', label: 'Admin' },
  { value: 'security', label: 'Security' },
]
const ENGINE_OPTIONS = [
  { value: 'postgres', label: 'PostgreSQL' },
  { value: 'redis', label: 'Redis' },
  { value: 'mongodb', label: 'MongoDB' },
]

type Draft = Required<{ [K in keyof AuditFilterValues]: string }>

const EMPTY: Draft = { kind: '', actor: '', action: '', route: '', engine: '', connectionId: '', code: '', status: '', from: '', to: '' }

/** A `datetime-local` value is the browser's local time; the API takes an ISO instant. */
function toInstant(local: string): string {
  if (!local) return ''
  const date = new Date(local)
  return Number.isNaN(date.getTime()) ? '' : date.toISOString()
}

/** The audit log's filters; applied together on submit, so typing does not fire a query per key. */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilterValues) => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const field = (name: keyof Draft) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [name]: event.target.value })),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApply({ ...draft, from: toInstant(draft.from), to: toInstant(draft.to) } as AuditFilterValues)
  }
  const reset = () => {
    setDraft(EMPTY)
    onApply({})
  }
  return (
    <form aria-label="Audit filters" onSubmit={submit} className="grid grid-cols-2 gap-3 rounded-md border border-border bg-surface p-3 md:grid-cols-5">
      <FormField label="Kind">{(id) => <Select id={id} placeholder="All kinds" options={KIND_OPTIONS} {...field('kind')} />}</FormField>
      <FormField label="Actor">{(id) => <Input id={id} placeholder="email or user id" {...field('actor')} />}</FormField>
      <FormField label="Action">{(id) => <Input id={id} placeholder="e.g. POST or keys" {...field('action')} />}</FormField>
      <FormField label="Route">{(id) => <Input id={id} placeholder="/api/platform/…" {...field('route')} />}</FormField>
      <FormField label="Engine">{(id) => <Select id={id} placeholder="All engines" options={ENGINE_OPTIONS} {...field('engine')} />}</FormField>
      <FormField label="Connection">{(id) => <Input id={id} placeholder="connection id" {...field('connectionId')} />}</FormField>
      <FormField label="Code">{(id) => <Input id={id} placeholder="e.g. FORBIDDEN" {...field('code')} />}</FormField>
      <FormField label="Status">{(id) => <Input id={id} placeholder="403 or 4xx" {...field('status')} />}</FormField>
      <FormField label="From">{(id) => <Input id={id} type="datetime-local" {...field('from')} />}</FormField>
      <FormField label="To">{(id) => <Input id={id} type="datetime-local" {...field('to')} />}</FormField>
      <div className="col-span-2 flex gap-2 md:col-span-5">
        <Button type="submit" variant="primary" size="small">
          Apply filters
        </Button>
        <Button type="button" size="small" onClick={reset}>
          Reset
        </Button>
      </div>
    </form>
  )
}
