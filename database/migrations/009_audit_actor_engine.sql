-- Audit rows say which engine and which connection a call touched (filled by the API wrapper from
-- the route the router matched), and by what kind of credential the actor came in (`user`: a GoTrue
-- JWT, `local`: the self-hosted local user). The filters of the audit page use these columns, so
-- they get indexes scoped to the project like the existing ones; `created_at` alone serves the
-- retention job, which deletes across all projects by age.
ALTER TABLE platform.audit_log
  ADD COLUMN engine        text CHECK (engine IN ('postgres', 'redis', 'mongodb')),
  ADD COLUMN connection_id uuid,
  ADD COLUMN token_kind    text;

CREATE INDEX audit_log_project_engine_idx ON platform.audit_log (project_id, engine, created_at DESC, id DESC);
CREATE INDEX audit_log_project_connection_idx ON platform.audit_log (project_id, connection_id, created_at DESC, id DESC)
  WHERE connection_id IS NOT NULL;
CREATE INDEX audit_log_project_user_idx ON platform.audit_log (project_id, user_id, created_at DESC, id DESC);
CREATE INDEX audit_log_created_at_idx ON platform.audit_log (created_at, id);

-- One row per retention interval: the instance that inserts it runs that interval's purge, so
-- the purge runs once per interval however many instances are up.
CREATE TABLE platform.audit_retention_runs (
  interval_ms bigint      NOT NULL,
  slot        bigint      NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  deleted     bigint,
  PRIMARY KEY (interval_ms, slot)
);
