import { AdminSecurityEvents } from 'components/interfaces/Admin/AdminSecurityEvents'
import { AdminLayout } from 'components/layouts/AdminLayout'
import { PageContainer } from 'components/layouts/PageContainer'

export default function AdminAdminSecurityEventsPage() {
  return (
    <AdminLayout section="security" title="Security events">
      <PageContainer title="Security events" description="Refused requests across all projects.">
        <AdminSecurityEvents />
      </PageContainer>
    </AdminLayout>
  )
}
