import { Lock } from 'lucide-react'
import Link from 'next/link'

import { ResponseError } from 'data/fetchers'

export const READ_ONLY_LOGIN_REQUIRED = 'READ_ONLY_LOGIN_REQUIRED'

export const isReadOnlyLoginRequired = (error: unknown) => error instanceof ResponseError && error.code === READ_ONLY_LOGIN_REQUIRED

const EXAMPLE_SQL = `CREATE ROLE studio_ro LOGIN PASSWORD '…';
GRANT pg_read_all_data TO studio_ro;`

/**
 * Shown to a read_only member instead of a bare 403: their SQL and row reads run under a read-only
 * login of the connection (so the database, not only the Studio, refuses writes), and this one has
 * none yet. Says what an admin has to do.
 */
export function ReadOnlyLoginNotice({ projectRef }: { projectRef: string }) {
  return (
    <div role="alert" data-testid="read-only-login-notice" className="flex max-w-2xl gap-3 rounded-md border border-warning/50 bg-warning-faint px-4 py-3 text-sm">
      <Lock className="mt-0.5 h-4 w-4 shrink-0 text-warning" aria-hidden />
      <div className="flex min-w-0 flex-col gap-2 text-foreground">
        <p className="font-medium">This connection needs a read-only login before read-only members can query it</p>
        <p className="text-xs text-foreground-light">
          As a read-only member, your SQL and table reads run under a separate Postgres login that can only read, so the
          database itself refuses writes, server programs and file access. This connection has no such login yet. Ask a
          project admin to create one on the database server, for example:
        </p>
        <pre className="overflow-x-auto rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs">{EXAMPLE_SQL}</pre>
        <p className="text-xs text-foreground-light">
          and to enter it as the read-only username and password in{' '}
          <Link className="text-brand underline" href={`/project/${projectRef}/settings/connections`}>
            Settings → Connections
          </Link>
          .
        </p>
      </div>
    </div>
  )
}
