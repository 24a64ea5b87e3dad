import type { Connection, DatabaseType } from '@multibase/api-contracts'
import { useEffect, useState, type ChangeEvent } from 'react'

import { Button } from 'components/ui/Button'
import { Checkbox } from 'components/ui/Checkbox'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input } from 'components/ui/Input'
import { SidePanel } from 'components/ui/SidePanel'
import { toast, toastError } from 'components/ui/toast'
import { useConnectionCreateMutation } from 'data/connections/connection-create-mutation'
import { useConnectionUpdateMutation } from 'data/connections/connection-update-mutation'
import {
  connectionToForm,
  emptyConnectionForm,
  toCreateBody,
  toUpdateBody,
  type ConnectionFormErrors,
  type ConnectionFormValues,
} from './connection-form'
import { ENGINE_LABELS } from './engines'
import { ReadOnlyLoginFields } from './ReadOnlyLoginFields'

export interface ConnectionFormPanelProps {
  projectRef: string
  type: DatabaseType
  /** The connection to edit; absent to add one. */
  connection?: Connection
  open: boolean
  onClose: () => void
  onSaved?: (connection: Connection) => void
}

/** Add or edit a connection. The password is write-only: the panel only knows whether one is set. */
export function ConnectionFormPanel({ projectRef, type, connection, open, onClose, onSaved }: ConnectionFormPanelProps) {
  const [values, setValues] = useState<ConnectionFormValues>(() => emptyConnectionForm(type))
  const [errors, setErrors] = useState<ConnectionFormErrors>({})
  const create = useConnectionCreateMutation()
  const update = useConnectionUpdateMutation()
  const saving = create.isMutating || update.isMutating
  const serverError = connection ? update.error : create.error

  useEffect(() => {
    if (!open) return
    setValues(connection ? connectionToForm(connection) : emptyConnectionForm(type))
    setErrors({})
    create.reset()
    update.reset()
    // Reset only when the panel opens on a (new) record, not on every mutation state change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, connection, type])

  const set = <K extends keyof ConnectionFormValues>(field: K, value: ConnectionFormValues[K]) =>
    setValues((current) => ({ ...current, [field]: value }))
  const text = (field: keyof ConnectionFormValues) => ({
    value: values[field] as string,
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(field, event.target.value),
  })

  const submit = async () => {
    try {
      if (connection) {
        const { body, errors: invalid } = toUpdateBody(type, values)
        if (!body) return setErrors(invalid)
        setErrors({})
        const saved = await update.trigger({ ref: projectRef, type, id: connection.id, values: body })
        toast.success(`Connection "${saved.identifier}" saved`)
        onSaved?.(saved)
      } else {
        const { body, errors: invalid } = toCreateBody(type, values)
        if (!body) return setErrors(invalid)
        setErrors({})
        const saved = await create.trigger({ ref: projectRef, type, values: body })
        toast.success(`Connection "${saved.identifier}" added`)
        onSaved?.(saved)
      }
      onClose()
    } catch (error) {
      toastError(error, connection ? 'The connection could not be saved' : 'The connection could not be added')
    }
  }

  const label = ENGINE_LABELS[type]
  return (
    <SidePanel
      open={open}
      onClose={onClose}
      title={connection ? `Edit ${label} connection` : `Add ${label} connection`}
      description={connection ? connection.identifier : `Register a ${label} server this project can browse.`}
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={saving}>
            {connection ? 'Save connection' : 'Add connection'}
          </Button>
        </>
      }
    >
      <FormField label="Name" error={errors.identifier} description="How the connection is listed in the Studio.">
        {(id) => <Input id={id} name="identifier" autoComplete="off" placeholder={`${type}-primary`} {...text('identifier')} />}
      </FormField>
      <div className="grid grid-cols-[1fr_7rem] gap-3">
        <FormField label="Host" error={errors.host}>
          {(id) => <Input id={id} name="host" autoComplete="off" {...text('host')} />}
        </FormField>
        <FormField label="Port" error={errors.port}>
          {(id) => <Input id={id} name="port" inputMode="numeric" {...text('port')} />}
        </FormField>
      </div>
      {type === 'redis' && (
        <FormField label="Database index" error={errors.redisDb} description="SELECT index, 0–255.">
          {(id) => <Input id={id} name="redisDb" inputMode="numeric" {...text('redisDb')} />}
        </FormField>
      )}
      {type !== 'redis' && (
        <FormField label="Database" error={errors.database} description={type === 'mongodb' ? 'Optional default database.' : undefined}>
          {(id) => <Input id={id} name="database" autoComplete="off" {...text('database')} />}
        </FormField>
      )}
      {type === 'mongodb' && (
        <div className="grid grid-cols-2 gap-3">
          <FormField label="Auth source" error={errors.authSource}>
            {(id) => <Input id={id} name="authSource" autoComplete="off" placeholder="admin" {...text('authSource')} />}
          </FormField>
          <FormField label="Replica set" error={errors.replicaSet}>
            {(id) => <Input id={id} name="replicaSet" autoComplete="off" {...text('replicaSet')} />}
          </FormField>
        </div>
      )}
      <FormField label="Username" error={errors.username}>
        {(id) => <Input id={id} name="username" autoComplete="off" {...text('username')} />}
      </FormField>
      <FormField
        label="Password"
        error={errors.password}
        description={
          connection?.hasPassword
            ? 'A password is set. Leave blank to keep it.'
            : connection
              ? 'No password is set.'
              : 'Stored encrypted; it is never shown again.'
        }
      >
        {(id) => (
          <Input
            id={id}
            name="password"
            type="password"
            autoComplete="new-password"
            placeholder={connection?.hasPassword ? '•••••••• (set)' : ''}
            disabled={values.clearPassword}
            {...text('password')}
          />
        )}
      </FormField>
      {connection?.hasPassword && (
        <Checkbox label="Remove the stored password" checked={values.clearPassword} onChange={(event) => set('clearPassword', event.target.checked)} />
      )}
      {type === 'postgres' && (
        <ReadOnlyLoginFields values={values} errors={errors} connection={connection} onChange={(field, value) => set(field, value)} />
      )}
      <div className="flex flex-col gap-3 border-t border-border pt-4">
        {type === 'mongodb' && (
          <Checkbox
            label="Direct connection"
            description="Talk to this host only, without replica-set discovery."
            checked={values.directConnection}
            onChange={(event) => set('directConnection', event.target.checked)}
          />
        )}
        <Checkbox label="Use TLS" checked={values.tlsEnabled} onChange={(event) => set('tlsEnabled', event.target.checked)} />
        {values.tlsEnabled && (
          <Checkbox
            label="Verify the server certificate"
            checked={values.tlsRejectUnauthorized}
            onChange={(event) => set('tlsRejectUnauthorized', event.target.checked)}
          />
        )}
        <Checkbox
          label="Primary connection"
          description={`Used when a ${label} page does not name a connection.`}
          checked={values.isPrimary}
          onChange={(event) => set('isPrimary', event.target.checked)}
        />
      </div>
      {serverError && <ErrorMessage error={serverError} />}
    </SidePanel>
  )
}
