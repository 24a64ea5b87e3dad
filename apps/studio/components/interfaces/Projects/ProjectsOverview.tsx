import type { OrganizationSummary, ProjectSummary } from '@multibase/api-contracts'
import { Building2, FolderPlus, Plus } from 'lucide-react'
import Link from 'next/link'
import { useRouter } from 'next/router'
import { useState } from 'react'

import { PageContainer } from 'components/layouts/PageContainer'
import { Badge } from 'components/ui/Badge'
import { Button } from 'components/ui/Button'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { useOrganizationsQuery } from 'data/organizations/organizations-query'
import { useProjectsQuery } from 'data/projects/projects-query'
import { CreateOrganizationDialog } from './CreateOrganizationDialog'
import { CreateProjectDialog } from './CreateProjectDialog'

function ProjectCard({ project }: { project: ProjectSummary }) {
  return (
    <Link
      href={`/project/${encodeURIComponent(project.ref)}`}
      data-project-ref={project.ref}
      className="flex flex-col gap-3 rounded-md border border-border bg-surface p-4 transition-colors hover:border-border-strong hover:bg-surface-raised"
    >
      <div className="flex items-start justify-between gap-2">
        <span className="truncate text-sm font-medium text-foreground">{project.name}</span>
        <Badge>{project.role}</Badge>
      </div>
      <span className="font-mono text-xxs text-foreground-muted">{project.ref}</span>
    </Link>
  )
}

function OrganizationSection({ organization, projects }: { organization: OrganizationSummary; projects: ProjectSummary[] }) {
  return (
    <section aria-label={organization.name} className="flex flex-col gap-3">
      <div className="flex items-center gap-2">
        <Building2 className="h-4 w-4 text-foreground-muted" aria-hidden />
        <h2 className="text-sm font-medium">{organization.name}</h2>
        <span className="font-mono text-xxs text-foreground-muted">{organization.slug}</span>
        <Badge>{organization.role}</Badge>
      </div>
      {projects.length === 0 ? (
        <p className="rounded-md border border-dashed border-border-strong px-4 py-3 text-xs text-foreground-muted">No projects in this organization yet.</p>
      ) : (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {projects.map((project) => (
            <ProjectCard key={project.id} project={project} />
          ))}
        </div>
      )}
    </section>
  )
}

/** The member's organizations, each with its projects; projects shared through a project-only role are listed under their organization too. */
export function ProjectsOverview() {
  const router = useRouter()
  const organizations = useOrganizationsQuery()
  const projects = useProjectsQuery()
  const [dialog, setDialog] = useState<'organization' | 'project' | undefined>()

  const error = organizations.error ?? projects.error
  const loading = !organizations.data || !projects.data

  const memberOrganizations = organizations.data ?? []
  const knownOrganizationIds = new Set(memberOrganizations.map((organization) => organization.id))
  // A project role without an organization role still shows the project, under its organization's name.
  const projectOnlyOrganizations = new Map<string, OrganizationSummary>()
  for (const project of projects.data ?? []) {
    if (!knownOrganizationIds.has(project.organization_id) && !projectOnlyOrganizations.has(project.organization_id)) {
      projectOnlyOrganizations.set(project.organization_id, {
        id: project.organization_id,
        name: project.organization_name,
        slug: '',
        role: project.role,
      })
    }
  }
  const sections = [...memberOrganizations, ...projectOnlyOrganizations.values()]

  return (
    <PageContainer
      title="Projects"
      description="Your organizations and the projects you can open."
      actions={
        <>
          <Button icon={Building2} onClick={() => setDialog('organization')}>
            New organization
          </Button>
          <Button variant="primary" icon={Plus} onClick={() => setDialog('project')} disabled={loading}>
            New project
          </Button>
        </>
      }
    >
      {error ? (
        <ErrorMessage error={error} title="Your projects could not be loaded" />
      ) : loading ? (
        <Loading />
      ) : sections.length === 0 ? (
        <EmptyState
          icon={FolderPlus}
          title="No organizations yet"
          description="Create an organization, then a project in it, to connect your databases."
          action={
            <Button variant="primary" icon={Plus} onClick={() => setDialog('organization')}>
              New organization
            </Button>
          }
        />
      ) : (
        <div className="flex flex-col gap-8">
          {sections.map((organization) => (
            <OrganizationSection
              key={organization.id}
              organization={organization}
              projects={(projects.data ?? []).filter((project) => project.organization_id === organization.id)}
            />
          ))}
        </div>
      )}
      <CreateOrganizationDialog open={dialog === 'organization'} onClose={() => setDialog(undefined)} />
      <CreateProjectDialog
        open={dialog === 'project'}
        onClose={() => setDialog(undefined)}
        organizations={memberOrganizations}
        onCreated={(ref) => void router.push(`/project/${encodeURIComponent(ref)}`)}
      />
    </PageContainer>
  )
}
