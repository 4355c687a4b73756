-- Google (YouTube) and TikTok access tokens live an hour and a day: the service keeps them alive
-- with the creator's refresh token, sealed like the access token. A refresh token the provider
-- refuses leaves the account 'needs_reauth': the creator must connect again.
alter table accounts add column sealed_refresh_token text;
alter table accounts add column refresh_expires_at timestamptz;
alter table accounts drop constraint accounts_status_check;
alter table accounts add constraint accounts_status_check
  check (status in ('valid', 'invalid', 'needs_reauth'));
