import { Badge } from 'components/ui/Badge'
import { EmptyState } from 'components/ui/EmptyState'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { Loading } from 'components/ui/Loading'
import { Table, Td, Th, Tr } from 'components/ui/Table'
import { useAdminUsersQuery } from 'data/admin/admin-users-query'
import { formatWhen } from './format'

/** Every user holding a role somewhere, with their organization and project memberships. */
export function AdminUsersTable() {
  const { data, error, isLoading } = useAdminUsersQuery()
  if (error) return <ErrorMessage error={error} title="Users could not be loaded" />
  if (isLoading || !data) return <Loading />
  if (data.items.length === 0) return <EmptyState title="No users yet" />
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-foreground-muted">{data.total} users</p>
      <Table aria-label="Users">
        <thead>
          <Tr className="hover:bg-transparent">
            <Th>User</Th>
            <Th>Email</Th>
            <Th>Last seen</Th>
            <Th>Memberships</Th>
          </Tr>
        </thead>
        <tbody>
          {data.items.map((user) => (
            <Tr key={user.id} data-user-id={user.id}>
              <Td className="font-mono text-xxs">{user.id}</Td>
              <Td>{user.email ?? <span className="text-foreground-muted">unknown</span>}</Td>
              <Td className="whitespace-nowrap text-foreground-light">{formatWhen(user.lastSeenAt)}</Td>
              <Td>
                <div className="flex flex-wrap gap-1">
                  {user.memberships.map((membership) => (
                    <Badge key={`${membership.scope}:${membership.id}`} variant={membership.role === 'owner' ? 'brand' : 'default'}>
                      {membership.scope === 'organization' ? 'org' : 'project'} {membership.slugOrRef}: {membership.role}
                    </Badge>
                  ))}
                </div>
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  )
}
