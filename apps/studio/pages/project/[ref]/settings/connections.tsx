import { useRouter } from 'next/router'

import { ConnectionsSettings } from 'components/interfaces/Connections/ConnectionsSettings'
import { PageContainer } from 'components/layouts/PageContainer'
import { ProjectLayout } from 'components/layouts/ProjectLayout'
import { settingsMenu } from 'components/layouts/settings-menu'

export default function ConnectionsSettingsPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="settings" title="Connections" productMenu={settingsMenu(ref, 'connections')}>
      <PageContainer title="Connections" description="The PostgreSQL, Redis and MongoDB servers of this project.">
        <ConnectionsSettings projectRef={ref} />
      </PageContainer>
    </ProjectLayout>
  )
}
