-- Creators' tokens, sealed with the token key ring (AES-256-GCM bound to platform and account).
create table accounts (
  platform          text        not null,
  account_id        text        not null,
  sealed_token      text        not null,
  expires_at        timestamptz,
  status            text        not null check (status in ('valid', 'invalid')),
  status_reason     text,
  -- When the platform last stored a token (PUT): a token_invalid from a job dispatched before that
  -- is about the old token and must not invalidate the new one.
  token_set_at      timestamptz not null,
  refreshed_at      timestamptz,
  refresh_due_at    timestamptz,
  refresh_error     text,
  created_at        timestamptz not null,
  updated_at        timestamptz not null,
  primary key (platform, account_id)
);
create index accounts_refresh_due on accounts (refresh_due_at) where status = 'valid';
