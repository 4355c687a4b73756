-- The audit of creators' erasures (DELETE /v1/creators/{platform}/{id}): when, on which platform,
-- how much went, and under which API key. Nothing that names the creator.
create table creator_erasures (
  id              bigserial   primary key,
  platform        text        not null,
  jobs_erased     integer     not null,
  objects_erased  integer     not null,
  account_erased  boolean     not null,
  api_key_id      text,
  erased_at       timestamptz not null
);
