import { AdminStatus } from 'components/interfaces/Admin/AdminStatus'
import { AdminLayout } from 'components/layouts/AdminLayout'
import { PageContainer } from 'components/layouts/PageContainer'

export default function AdminAdminStatusPage() {
  return (
    <AdminLayout section="status" title="Status">
      <PageContainer title="Status" description="Platform database, job queue, pools and instance heartbeats.">
        <AdminStatus />
      </PageContainer>
    </AdminLayout>
  )
}
