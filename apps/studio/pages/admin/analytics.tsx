import { AdminAnalytics } from 'components/interfaces/Admin/AdminAnalytics'
import { AdminLayout } from 'components/layouts/AdminLayout'
import { PageContainer } from 'components/layouts/PageContainer'

export default function AdminAdminAnalyticsPage() {
  return (
    <AdminLayout section="analytics" title="Analytics">
      <PageContainer title="Analytics" description="API calls, errors and latency, from every instance's request counts.">
        <AdminAnalytics />
      </PageContainer>
    </AdminLayout>
  )
}
