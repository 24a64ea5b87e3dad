import type { Connection } from '@multibase/api-contracts'
import type { ChangeEvent } from 'react'

import { FormField, Input } from 'components/ui/Input'
import type { ConnectionFormErrors, ConnectionFormValues } from './connection-form'

interface ReadOnlyLoginFieldsProps {
  values: ConnectionFormValues
  errors: ConnectionFormErrors
  connection?: Connection
  onChange: (field: 'readOnlyUsername' | 'readOnlyPassword', value: string) => void
}

/**
 * The Postgres read-only login. read_only members' SQL and table reads run under it, so the server
 * itself refuses writes, programs and file access even when the main login is a superuser. The
 * server checks it when the connection is saved and refuses one that can do more than read.
 */
export function ReadOnlyLoginFields({ values, errors, connection, onChange }: ReadOnlyLoginFieldsProps) {
  const bind = (field: 'readOnlyUsername' | 'readOnlyPassword') => ({
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange(field, event.target.value),
  })
  return (
    <fieldset className="flex flex-col gap-3 border-t border-border pt-4" data-testid="read-only-login-fields">
      <legend className="sr-only">Read-only login</legend>
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium text-foreground">Read-only login</p>
        <p className="text-xs text-foreground-light">
          Members with the read_only role run SQL and read table rows under this login, never the one above. Without it
          they can&apos;t query this database. It must not be a superuser, hold pg_execute_server_program,
          pg_write_server_files, pg_read_server_files or pg_signal_backend, or have any write, CREATE or ownership right;
          saving checks this and refuses a login that does. For example:
        </p>
        <pre className="overflow-x-auto rounded-md border border-border bg-surface px-3 py-2 font-mono text-xxs text-foreground">
          {"CREATE ROLE studio_ro LOGIN PASSWORD '…';\nGRANT pg_read_all_data TO studio_ro;"}
        </pre>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <FormField
          label="Read-only username"
          error={errors.readOnlyUsername}
          description={connection ? 'Clear it to remove the read-only login.' : 'Optional.'}
        >
          {(id) => <Input id={id} name="readOnlyUsername" autoComplete="off" placeholder="studio_ro" {...bind('readOnlyUsername')} />}
        </FormField>
        <FormField
          label="Read-only password"
          error={errors.readOnlyPassword}
          description={connection?.hasReadOnlyPassword ? 'A password is set. Leave blank to keep it.' : 'Stored encrypted; never shown again.'}
        >
          {(id) => (
            <Input
              id={id}
              name="readOnlyPassword"
              type="password"
              autoComplete="new-password"
              placeholder={connection?.hasReadOnlyPassword ? '•••••••• (set)' : ''}
              {...bind('readOnlyPassword')}
            />
          )}
        </FormField>
      </div>
    </fieldset>
  )
}
