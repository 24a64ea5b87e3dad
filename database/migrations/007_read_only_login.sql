-- A Postgres connection may carry a second, read-only login. read_only members' SQL and row reads run
-- under it, so the database itself refuses what a superuser main login would allow inside READ ONLY
-- (COPY ... TO PROGRAM, pg_terminate_backend, dblink_exec, ...). Its password is sealed like the main
-- one, as a credentials row of its own kind.
ALTER TABLE platform.database_connections
  ADD COLUMN read_only_username text
    CHECK (read_only_username IS NULL OR (database_type = 'postgres' AND length(read_only_username) BETWEEN 1 AND 256));

ALTER TABLE platform.credentials DROP CONSTRAINT credentials_kind_check;
ALTER TABLE platform.credentials
  ADD CONSTRAINT credentials_kind_check CHECK (kind IN ('password', 'url', 'tls_key', 'read_only_password'));
