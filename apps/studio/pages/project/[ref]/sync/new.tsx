import { useRouter } from 'next/router'

import { SyncWizard } from 'components/interfaces/Sync/wizard/SyncWizard'
import { PageContainer } from 'components/layouts/PageContainer'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

export default function NewSyncPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="sync" title="New sync">
      <PageContainer title="New sync">{ref && <SyncWizard projectRef={ref} />}</PageContainer>
    </ProjectLayout>
  )
}
