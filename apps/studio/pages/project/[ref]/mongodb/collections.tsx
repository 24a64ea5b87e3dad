import { CollectionsBrowser } from 'components/interfaces/MongoDB/CollectionsBrowser'
import { MongoLayout } from 'components/interfaces/MongoDB/MongoLayout'
import { MongoWorkspace } from 'components/interfaces/MongoDB/MongoWorkspace'

export default function MongoCollectionsPage() {
  return (
    <MongoLayout section="collections" title="MongoDB collections">
      <MongoWorkspace title="Collections" description="Databases and their collections, with document counts and sizes." needsCollection={false}>
        {({ connection, canWrite }) => <CollectionsBrowser key={connection.id} connectionId={connection.id} canWrite={canWrite} />}
      </MongoWorkspace>
    </MongoLayout>
  )
}
