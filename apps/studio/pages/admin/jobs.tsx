import { AdminJobsTable } from 'components/interfaces/Admin/AdminJobsTable'
import { AdminLayout } from 'components/layouts/AdminLayout'
import { PageContainer } from 'components/layouts/PageContainer'

export default function AdminAdminJobsTablePage() {
  return (
    <AdminLayout section="jobs" title="Jobs">
      <PageContainer title="Jobs" description="Background jobs of every project.">
        <AdminJobsTable />
      </PageContainer>
    </AdminLayout>
  )
}
