import { DocumentsPanel } from 'components/interfaces/MongoDB/DocumentsPanel'
import { MongoLayout } from 'components/interfaces/MongoDB/MongoLayout'
import { MongoWorkspace } from 'components/interfaces/MongoDB/MongoWorkspace'

export default function MongoDocumentsPage() {
  return (
    <MongoLayout section="documents" title="MongoDB documents">
      <MongoWorkspace title="Documents" description="Query, page through and edit a collection's documents in Extended JSON." needsCollection>
        {({ target, canWrite }) =>
          target && <DocumentsPanel key={`${target.connectionId}/${target.db}/${target.coll}`} target={target} canWrite={canWrite} />
        }
      </MongoWorkspace>
    </MongoLayout>
  )
}
