-- Admin console, Studio sessions and connection keep-alive.

-- Every Studio instance upserts its row every few seconds; the admin status lists an instance as
-- alive while its heartbeat is younger than three intervals.
CREATE TABLE platform.instances (
  id            text PRIMARY KEY,
  host          text NOT NULL,
  pid           integer NOT NULL,
  version       text NOT NULL,
  started_at    timestamptz NOT NULL,
  heartbeat_at  timestamptz NOT NULL DEFAULT now()
);

-- Studio sessions as the API sees them: the GoTrue `session_id` claim of the access tokens. Updated
-- at most once a minute per session and instance (not a write per request). A revoked session is
-- refused by every instance until `expires_at`, the latest token expiry seen for it.
CREATE TABLE platform.sessions (
  id             uuid PRIMARY KEY,
  user_id        uuid NOT NULL,
  user_email     text,
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  ip             text,
  user_agent     text,
  instance_id    text,
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  revoked_by     uuid
);
CREATE INDEX sessions_user_idx ON platform.sessions (user_id, last_seen_at DESC);
CREATE INDEX sessions_revoked_idx ON platform.sessions (expires_at) WHERE revoked_at IS NOT NULL;

-- A revocation travels on the change feed like any access change. Its own trigger function (rather
-- than a new branch in migration 005's) fires only when `revoked_at` is set, so the throttled
-- last-seen updates stay silent.
CREATE FUNCTION platform.notify_session_revoked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('platform_changes', jsonb_build_object(
    'table', 'sessions', 'op', TG_OP, 'session_id', NEW.id, 'user_id', NEW.user_id,
    'expires_at', to_char(NEW.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text);
  RETURN NULL;
END;
$$;
CREATE TRIGGER sessions_notify_revoked
  AFTER UPDATE OF revoked_at ON platform.sessions
  FOR EACH ROW WHEN (NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL)
  EXECUTE FUNCTION platform.notify_session_revoked();

-- Keep-alive of a connection (free-tier databases pause when idle). Kept beside the connection row,
-- not in it, so a run's bookkeeping never looks like a connection change to the change feed.
-- `next_run_at` is claimed with UPDATE … WHERE next_run_at <= now(): one run per interval whatever
-- the number of instances; `runs` counts them.
CREATE TABLE platform.connection_keep_alive (
  connection_id     uuid PRIMARY KEY REFERENCES platform.database_connections (id) ON DELETE CASCADE,
  project_id        uuid NOT NULL REFERENCES platform.projects (id) ON DELETE CASCADE,
  enabled           boolean NOT NULL,
  interval_seconds  integer NOT NULL CHECK (interval_seconds BETWEEN 1 AND 604800),
  next_run_at       timestamptz NOT NULL DEFAULT now(),
  last_run_at       timestamptz,
  last_success_at   timestamptz,
  last_error        text,
  last_error_at     timestamptz,
  runs              bigint NOT NULL DEFAULT 0,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connection_keep_alive_due_idx ON platform.connection_keep_alive (next_run_at) WHERE enabled;

-- Request analytics: each instance aggregates in memory and adds its counts here every few seconds.
-- `buckets[i]` counts requests whose latency was at most the i-th bound of REQUEST_LATENCY_BOUNDS_MS
-- (the last one unbounded); p50/p95 are read from them.
CREATE TABLE platform.request_stats (
  day          date NOT NULL,
  route_group  text NOT NULL,
  engine       text NOT NULL,
  project_ref  text NOT NULL DEFAULT '',
  count        bigint NOT NULL DEFAULT 0,
  errors       bigint NOT NULL DEFAULT 0,
  buckets      bigint[] NOT NULL,
  PRIMARY KEY (day, route_group, engine, project_ref)
);
