-- Jobs as the API accepted them, their state, and the outbox that carries them to SQS.
-- States move one way: accepted -> queued -> succeeded | failed | cancelled (a worker's real result
-- may still replace 'cancelled': the work was done and its records exist).

create table jobs (
  job_id            text        primary key,
  platform          text        not null,
  kind              text        not null,
  target            text        not null,
  account_id        text,
  -- The job message as validated, without the account's sealed token (added when dispatched).
  message           jsonb       not null,
  state             text        not null check (state in ('accepted', 'queued', 'succeeded', 'failed', 'cancelled')),
  batch_id          text,
  schedule_id       text,
  submitted_at      timestamptz not null,
  queued_at         timestamptz,
  -- From the result event that was kept (the one with the most attempts, then the latest finish).
  outcome           text,
  detail            text,
  attempts          integer     not null default 0,
  record_count      integer,
  routes            jsonb,
  records_location  text,
  captures_location text,
  drift             jsonb,
  worker_id         text,
  received_at       timestamptz,
  finished_at       timestamptz,
  updated_at        timestamptz not null
);

-- Keyset paging, newest first, optionally by state or platform.
create index jobs_by_submitted on jobs (submitted_at desc, job_id desc);
create index jobs_by_state on jobs (state, submitted_at desc, job_id desc);
create index jobs_by_batch on jobs (batch_id, state) where batch_id is not null;

-- One row per job still to be sent to the jobs queue. Deleted in the transaction that marks the job
-- queued, after the send: a crash in between resends, and workers are idempotent by job id.
create table outbox (
  id         bigserial   primary key,
  job_id     text        not null references jobs (job_id) on delete cascade,
  created_at timestamptz not null
);
