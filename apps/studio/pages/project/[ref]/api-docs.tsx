import { ApiDocs } from 'components/interfaces/ApiDocs/ApiDocs'
import { ProjectLayout } from 'components/layouts/ProjectLayout'

export default function ApiDocsPage() {
  return (
    <ProjectLayout section="api-docs" title="API docs">
      <ApiDocs />
    </ProjectLayout>
  )
}
