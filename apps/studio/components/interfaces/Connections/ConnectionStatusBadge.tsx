import type { Connection } from '@multibase/api-contracts'

import { Badge } from 'components/ui/Badge'

export function ConnectionStatusBadge({ status }: { status: Connection['status'] }) {
  if (status === 'active') return <Badge variant="brand">active</Badge>
  if (status === 'error') return <Badge variant="destructive">error</Badge>
  return <Badge>untested</Badge>
}
