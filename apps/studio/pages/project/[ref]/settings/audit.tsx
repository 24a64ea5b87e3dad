import { useRouter } from 'next/router'

import { AuditLog } from 'components/interfaces/Audit/AuditLog'
import { PageContainer } from 'components/layouts/PageContainer'
import { ProjectLayout } from 'components/layouts/ProjectLayout'
import { settingsMenu } from 'components/layouts/settings-menu'

export default function AuditLogSettingsPage() {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  return (
    <ProjectLayout section="settings" title="Audit log" productMenu={settingsMenu(ref, 'audit')}>
      <PageContainer title="Audit log" description="Data changes, admin changes and security events of this project.">
        <AuditLog projectRef={ref} />
      </PageContainer>
    </ProjectLayout>
  )
}
