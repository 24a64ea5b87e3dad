import type { PostgresConnectionOptions, ReadOnlyLoginReport } from '@multibase/api-contracts'

import { getEnv } from '../../../env'
import { mapDriverError } from '../driver-errors'
import { ValidationError } from '../errors'
import { resolveConnectHost } from '../host-guard'
import { PostgresClient } from '../postgres-client'
import { inspectReadOnlyLogin } from './read-only-login'

export interface ReadOnlyLoginTarget {
  host: string
  port: number
  options: Record<string, unknown>
  username: string
  password?: string
}

/**
 * Logs in as the read-only login (through the host guard, like the main login) on a connection of
 * its own, outside any pool, and reports what it holds beyond reading. A login that cannot log in is
 * a 400: it can't be checked, so it can't be trusted.
 */
export async function checkReadOnlyLogin(target: ReadOnlyLoginTarget): Promise<ReadOnlyLoginReport> {
  const client = new PostgresClient({
    type: 'postgres',
    host: target.host,
    address: await resolveConnectHost(target.host),
    port: target.port,
    username: target.username,
    password: target.password,
    options: target.options as PostgresConnectionOptions,
    connectTimeoutMs: getEnv().DB_CONNECT_TIMEOUT_MS,
  })
  try {
    await client.connect()
    return await inspectReadOnlyLogin(client.native)
  } catch (raw) {
    const error = mapDriverError('postgres', raw, [target.password])
    throw new ValidationError(
      `Could not check the read-only login: ${error.message}`,
      { reason: error.code },
      'READ_ONLY_LOGIN_FAILED'
    )
  } finally {
    await client.disconnect()
  }
}

/** Refuses (400) a read-only login that holds anything beyond reading; nothing is saved then. */
export async function assertReadOnlyLogin(target: ReadOnlyLoginTarget): Promise<void> {
  const report = await checkReadOnlyLogin(target)
  if (report.readOnly) return
  throw new ValidationError(
    `The read-only login "${report.username}" can do more than read (${report.holds.map((held) => held.name).slice(0, 5).join(', ')}` +
      `${report.holds.length > 5 ? ', …' : ''}). Use a login that is not a superuser, is in none of ` +
      'pg_execute_server_program, pg_write_server_files, pg_read_server_files, pg_signal_backend, pg_write_all_data, ' +
      'and has no write privilege, CREATE right or ownership: e.g. a role with only pg_read_all_data.',
    { holds: report.holds },
    'READ_ONLY_LOGIN_NOT_READ_ONLY'
  )
}
