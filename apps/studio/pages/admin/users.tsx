import { AdminUsersTable } from 'components/interfaces/Admin/AdminUsersTable'
import { AdminLayout } from 'components/layouts/AdminLayout'
import { PageContainer } from 'components/layouts/PageContainer'

export default function AdminAdminUsersTablePage() {
  return (
    <AdminLayout section="users" title="Users">
      <PageContainer title="Users" description="Everyone holding a role in an organization or project.">
        <AdminUsersTable />
      </PageContainer>
    </AdminLayout>
  )
}
