import { createOrganizationSchema } from '@multibase/api-contracts'
import { useEffect, useState } from 'react'

import { Button } from 'components/ui/Button'
import { Dialog } from 'components/ui/Dialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input } from 'components/ui/Input'
import { toast, toastError } from 'components/ui/toast'
import { useOrganizationCreateMutation } from 'data/organizations/organization-create-mutation'
import { fieldErrors, slugify } from './form-errors'

type Field = 'name' | 'slug'

export function CreateOrganizationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [name, setName] = useState('')
  const [slug, setSlug] = useState('')
  const [slugEdited, setSlugEdited] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const { trigger, isMutating, error, reset } = useOrganizationCreateMutation()

  useEffect(() => {
    if (!open) return
    setName('')
    setSlug('')
    setSlugEdited(false)
    setErrors({})
    reset()
  }, [open, reset])

  const submit = async () => {
    const parsed = createOrganizationSchema.safeParse({ name, slug })
    if (!parsed.success) return setErrors(fieldErrors<Field>(parsed.error))
    setErrors({})
    try {
      const organization = await trigger(parsed.data)
      toast.success(`Organization "${organization.name}" created`)
      onClose()
    } catch (caught) {
      toastError(caught, 'The organization could not be created')
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Create an organization"
      description="Organizations group projects and the people who work on them."
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={onClose} disabled={isMutating}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={isMutating}>
            Create organization
          </Button>
        </>
      }
    >
      <FormField label="Name" error={errors.name}>
        {(id) => (
          <Input
            id={id}
            name="organization-name"
            value={name}
            onChange={(event) => {
              setName(event.target.value)
              if (!slugEdited) setSlug(slugify(event.target.value))
            }}
          />
        )}
      </FormField>
      <FormField label="Slug" error={errors.slug} description="Lowercase letters, digits and dashes.">
        {(id) => (
          <Input
            id={id}
            name="organization-slug"
            className="font-mono"
            value={slug}
            onChange={(event) => {
              setSlug(event.target.value)
              setSlugEdited(true)
            }}
          />
        )}
      </FormField>
      {error && <ErrorMessage error={error} />}
    </Dialog>
  )
}
