-- API keys are stored as SHA-256 hashes of the key; the key itself is shown once, at creation.
create table api_keys (
  id         text        primary key,
  name       text        not null,
  key_hash   bytea       not null unique,
  scopes     text[]      not null,
  created_at timestamptz not null,
  revoked_at timestamptz
);

-- A request's response kept under its Idempotency-Key (per API key), so that a retry gets the same
-- answer and enqueues nothing twice. Only successful responses are kept.
create table idempotency_keys (
  api_key_id   text        not null,
  key          text        not null,
  request_hash bytea       not null,
  status       integer     not null,
  -- The exact bytes sent, so that a replay is byte for byte the same answer.
  response     text        not null,
  created_at   timestamptz not null,
  primary key (api_key_id, key)
);
create index idempotency_keys_by_age on idempotency_keys (created_at);
