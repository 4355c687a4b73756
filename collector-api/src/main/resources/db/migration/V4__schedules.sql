-- Refresh schedules: a cron expression in a time zone, and a job template over targets or accounts.
create table schedules (
  id           text        primary key,
  name         text,
  cron         text        not null,
  time_zone    text        not null,
  template     jsonb       not null,
  targets      jsonb       not null,
  accounts     jsonb       not null,
  paused       boolean     not null default false,
  next_tick_at timestamptz not null,
  last_tick_at timestamptz,
  created_at   timestamptz not null,
  updated_at   timestamptz not null
);
create index schedules_due on schedules (next_tick_at) where not paused;

-- One row per fired tick, inserted in the transaction that creates the tick's jobs: the primary key
-- is what makes a tick fire once however many replicas see it due.
create table schedule_ticks (
  schedule_id text        not null references schedules (id) on delete cascade,
  tick_at     timestamptz not null,
  fired_at    timestamptz not null,
  job_count   integer     not null,
  primary key (schedule_id, tick_at)
);
alter table jobs add constraint jobs_schedule_fk
  foreign key (schedule_id) references schedules (id) on delete set null;
