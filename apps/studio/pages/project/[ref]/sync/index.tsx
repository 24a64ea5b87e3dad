import Link from 'next/link'
import { useRouter } from 'next/router'

import { SyncJobsList } from 'components/interfaces/Sync/SyncJobsList'
import { PageContainer } from 'components/layouts/PageContainer'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

export default function SyncJobsPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="sync" title="Sync">
      <PageContainer
        title="Sync"
        description="Copy tables, collections and keys between two connections of this project."
        actions={
          <Link className="rounded border border-brand-strong bg-brand px-3 py-1.5 text-sm text-black" href={`/project/${encodeURIComponent(ref)}/sync/new`}>
            New sync
          </Link>
        }
      >
        {ref && <SyncJobsList projectRef={ref} />}
      </PageContainer>
    </ProjectLayout>
  )
}
