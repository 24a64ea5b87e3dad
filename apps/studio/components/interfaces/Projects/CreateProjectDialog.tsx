import { createProjectSchema, type OrganizationSummary } from '@multibase/api-contracts'
import { useEffect, useState } from 'react'

import { Button } from 'components/ui/Button'
import { Dialog } from 'components/ui/Dialog'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input } from 'components/ui/Input'
import { Select } from 'components/ui/Select'
import { toast, toastError } from 'components/ui/toast'
import { useProjectCreateMutation } from 'data/projects/project-create-mutation'
import { fieldErrors, slugify } from './form-errors'

type Field = 'organizationId' | 'name' | 'ref'

/** Only organizations where the member is owner or admin can hold a new project (the server checks too). */
export function CreateProjectDialog({
  open,
  onClose,
  organizations,
  onCreated,
}: {
  open: boolean
  onClose: () => void
  organizations: OrganizationSummary[]
  onCreated: (ref: string) => void
}) {
  const eligible = organizations.filter((organization) => organization.role === 'owner' || organization.role === 'admin')
  const [organizationId, setOrganizationId] = useState('')
  const [name, setName] = useState('')
  const [ref, setRef] = useState('')
  const [refEdited, setRefEdited] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const { trigger, isMutating, error, reset } = useProjectCreateMutation()

  useEffect(() => {
    if (!open) return
    setOrganizationId(eligible[0]?.id ?? '')
    setName('')
    setRef('')
    setRefEdited(false)
    setErrors({})
    reset()
    // Reset when the dialog opens; the organization list may refresh while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, reset])

  const submit = async () => {
    const parsed = createProjectSchema.safeParse({ organizationId, name, ref })
    if (!parsed.success) {
      const invalid = fieldErrors<Field>(parsed.error)
      if (invalid.organizationId) invalid.organizationId = 'Choose an organization'
      return setErrors(invalid)
    }
    setErrors({})
    try {
      const project = await trigger(parsed.data)
      toast.success(`Project "${project.name}" created`)
      onClose()
      onCreated(project.ref)
    } catch (caught) {
      toastError(caught, 'The project could not be created')
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Create a project"
      description="A project holds the connections to its PostgreSQL, Redis and MongoDB servers."
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={onClose} disabled={isMutating}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={isMutating} disabled={eligible.length === 0}>
            Create project
          </Button>
        </>
      }
    >
      {eligible.length === 0 && (
        <ErrorMessage error={new Error('You are not an owner or admin of any organization. Create an organization first.')} />
      )}
      <FormField label="Organization" error={errors.organizationId}>
        {(id) => (
          <Select
            id={id}
            name="project-organization"
            value={organizationId}
            onChange={(event) => setOrganizationId(event.target.value)}
            placeholder="Choose an organization"
            options={eligible.map((organization) => ({ value: organization.id, label: organization.name }))}
          />
        )}
      </FormField>
      <FormField label="Name" error={errors.name}>
        {(id) => (
          <Input
            id={id}
            name="project-name"
            value={name}
            onChange={(event) => {
              setName(event.target.value)
              if (!refEdited) setRef(slugify(event.target.value))
            }}
          />
        )}
      </FormField>
      <FormField label="Reference" error={errors.ref} description="Used in URLs and API paths; cannot be changed later.">
        {(id) => (
          <Input
            id={id}
            name="project-ref"
            className="font-mono"
            value={ref}
            onChange={(event) => {
              setRef(event.target.value)
              setRefEdited(true)
            }}
          />
        )}
      </FormField>
      {error && <ErrorMessage error={error} />}
    </Dialog>
  )
}
