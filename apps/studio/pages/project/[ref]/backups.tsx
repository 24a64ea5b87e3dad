import { useRouter } from 'next/router'

import { BackupsPage } from 'components/interfaces/Backups/BackupsPage'
import { PageContainer } from 'components/layouts/PageContainer'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

export default function ProjectBackupsPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="backups" title="Backups">
      <PageContainer title="Backups" description="Compressed, checksummed backups of the project's PostgreSQL, Redis and MongoDB connections.">
        <BackupsPage projectRef={ref} />
      </PageContainer>
    </ProjectLayout>
  )
}
