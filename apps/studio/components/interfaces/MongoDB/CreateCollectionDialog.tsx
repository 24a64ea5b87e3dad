import { mongoCollectionNameSchema, mongoDatabaseNameSchema } from '@multibase/api-contracts'
import { useEffect, useState } from 'react'

import { Button } from 'components/ui/Button'
import { Dialog } from 'components/ui/Dialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input } from 'components/ui/Input'
import { useMongoCollectionCreateMutation } from 'data/mongodb/collection-create-mutation'
import { useMongoNamespace } from './useMongoNamespace'

const firstIssue = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.success ? undefined : result.error?.issues[0]?.message

/**
 * Creates a collection, or a database with its first collection (MongoDB creates a database when its
 * first collection is created, so the two are one form).
 */
export function CreateCollectionDialog({
  open,
  withDatabase,
  db,
  connectionId,
  onClose,
  onCreated,
}: {
  open: boolean
  withDatabase: boolean
  db: string | undefined
  connectionId: string
  onClose: () => void
  onCreated: (db: string, coll: string) => void
}) {
  const { ref } = useMongoNamespace()
  const { trigger, isMutating } = useMongoCollectionCreateMutation()
  const [database, setDatabase] = useState('')
  const [collection, setCollection] = useState('')
  const [touched, setTouched] = useState(false)
  const [error, setError] = useState<unknown>()

  useEffect(() => {
    if (!open) return
    setDatabase(withDatabase ? '' : (db ?? ''))
    setCollection('')
    setTouched(false)
    setError(undefined)
  }, [open, withDatabase, db])

  const databaseError = withDatabase ? firstIssue(mongoDatabaseNameSchema.safeParse(database)) : undefined
  const collectionError = firstIssue(mongoCollectionNameSchema.safeParse(collection))

  const submit = async () => {
    setTouched(true)
    if (databaseError || collectionError) return
    setError(undefined)
    try {
      await trigger({ ref, connectionId, db: database, values: { name: collection } })
      onCreated(database, collection)
      onClose()
    } catch (caught) {
      setError(caught)
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={withDatabase ? 'Create database' : `Create collection in ${db}`}
      description={withDatabase ? 'A database is created with its first collection.' : undefined}
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={isMutating}>
            {withDatabase ? 'Create database' : 'Create collection'}
          </Button>
        </>
      }
    >
      {withDatabase && (
        <FormField label="Database name" error={touched ? databaseError : undefined}>
          {(id) => <Input id={id} value={database} onChange={(event) => setDatabase(event.target.value)} autoComplete="off" />}
        </FormField>
      )}
      <FormField label="Collection name" error={touched ? collectionError : undefined}>
        {(id) => <Input id={id} value={collection} onChange={(event) => setCollection(event.target.value)} autoComplete="off" />}
      </FormField>
      {error !== undefined && <ErrorMessage error={error} />}
    </Dialog>
  )
}
