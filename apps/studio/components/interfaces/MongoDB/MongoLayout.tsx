import { useRouter } from 'next/router'
import type { ReactNode } from 'react'

import { ProjectLayout } from 'components/layouts/ProjectLayout'

export type MongoSection = 'overview' | 'collections' | 'documents' | 'aggregations' | 'indexes'

const SECTIONS: Array<{ key: MongoSection; label: string; path: string }> = [
  { key: 'overview', label: 'Overview', path: '' },
  { key: 'collections', label: 'Collections', path: '/collections' },
  { key: 'documents', label: 'Documents', path: '/documents' },
  { key: 'aggregations', label: 'Aggregations', path: '/aggregations' },
  { key: 'indexes', label: 'Indexes', path: '/indexes' },
]

/** The links keep the connection and the namespace, so switching panels stays on the same collection. */
export function mongoHref(ref: string, section: MongoSection, query: { connectionId?: string; db?: string; coll?: string }): string {
  const path = SECTIONS.find((item) => item.key === section)?.path ?? ''
  const params = new URLSearchParams()
  for (const name of ['connectionId', 'db', 'coll'] as const) {
    const value = query[name]
    if (value) params.set(name, value)
  }
  const search = params.toString()
  return `/project/${encodeURIComponent(ref)}/mongodb${path}${search ? `?${search}` : ''}`
}

/** ProjectLayout with the MongoDB product menu. */
export function MongoLayout({ section, title, children }: { section: MongoSection; title: string; children: ReactNode }) {
  const router = useRouter()
  const ref = typeof router.query.ref === 'string' ? router.query.ref : ''
  const text = (name: string) => (typeof router.query[name] === 'string' ? (router.query[name] as string) : undefined)
  const keep = { connectionId: text('connectionId'), db: text('db'), coll: text('coll') }
  return (
    <ProjectLayout
      section="mongodb"
      title={title}
      productMenu={{
        title: 'MongoDB',
        items: SECTIONS.map((item) => ({ label: item.label, href: mongoHref(ref, item.key, keep), active: item.key === section })),
      }}
    >
      {children}
    </ProjectLayout>
  )
}
