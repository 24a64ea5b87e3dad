-- Rate-limit counters shared by every Studio instance on this platform database (the
-- rate-limiter-flexible Postgres store; the app never lets the library create tables itself),
-- and the open-WebSocket leases that cap a user's concurrent sockets across instances.

CREATE TABLE IF NOT EXISTS platform.rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  -- Epoch milliseconds at which the window ends (the library's own layout).
  expire bigint
);

CREATE INDEX IF NOT EXISTS rate_limits_expire_idx ON platform.rate_limits (expire);

-- One row per open socket; an instance renews its rows while the socket lives, so the rows of an
-- instance that died expire on their own instead of holding the user's slots forever.
CREATE TABLE IF NOT EXISTS platform.websocket_leases (
  id uuid PRIMARY KEY,
  user_id text NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS websocket_leases_user_idx ON platform.websocket_leases (user_id, expires_at);
