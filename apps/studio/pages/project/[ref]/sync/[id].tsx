import { useRouter } from 'next/router'

import { SyncJobDetail } from 'components/interfaces/Sync/SyncJobDetail'
import { PageContainer } from 'components/layouts/PageContainer'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

export default function SyncJobPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  const id = typeof router.query.id === 'string' ? router.query.id : ''
  return (
    <ProjectLayout section="sync" title="Sync job">
      <PageContainer title="Sync job">{ref && id && <SyncJobDetail projectRef={ref} id={id} />}</PageContainer>
    </ProjectLayout>
  )
}
