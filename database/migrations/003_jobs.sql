-- Background jobs (bulk delete now; sync and backups later). pg-boss keeps each job's queue state in
-- its own schema (`pgboss`, created by pg-boss at start): created, active, completed, cancelled,
-- failed, retries and expiry. This table ties a job to the project it belongs to and holds the
-- progress its worker reports after every batch, so any Studio instance can show it while it runs.
CREATE TABLE platform.jobs (
  id          uuid PRIMARY KEY,
  project_id  uuid NOT NULL REFERENCES platform.projects (id) ON DELETE CASCADE,
  kind        text NOT NULL,
  created_by  uuid,
  request_id  text NOT NULL,
  progress    jsonb NOT NULL DEFAULT '{}'::jsonb,
  result      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_project_idx ON platform.jobs (project_id, created_at DESC);
