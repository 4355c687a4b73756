-- Webhook deliveries to the platform: the delivery log and the retry queue in one table.
create table webhook_deliveries (
  id              bigserial   primary key,
  -- One delivery per event: a duplicate result event does not notify twice.
  event_id        text        not null unique,
  event           text        not null,
  -- The exact body sent (and signed) on every attempt.
  payload         text        not null,
  state           text        not null check (state in ('pending', 'delivered', 'failed')),
  attempts        integer     not null default 0,
  last_status     integer,
  last_error      text,
  next_attempt_at timestamptz not null,
  created_at      timestamptz not null,
  delivered_at    timestamptz
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where state = 'pending';
