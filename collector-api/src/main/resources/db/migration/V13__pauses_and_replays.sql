-- What operators paused from Slack (/collector pause <scope>): a platform, a route, both
-- ("tiktok.browser") or "all". The API writes the set to control/paused.json on every change;
-- workers poll it and no job starts a paused route.
create table paused_scopes (
  scope     text        primary key,
  paused_at timestamptz not null,
  paused_by text        not null
);

-- A job re-run by /collector replay names the job it repeats.
alter table jobs add column replay_of text;

-- What a command did beyond its answer (a pause's scope, a replay's new job, a redrive's count).
alter table slack_commands add column detail text;

-- When a schedule tick's run was reported to Slack (SLACK_WEBHOOK_URL): each is reported once.
-- Ticks fired before this version count as reported: a first start does not post history.
alter table schedule_ticks add column reported_at timestamptz;
update schedule_ticks set reported_at = fired_at;
create index schedule_ticks_unreported on schedule_ticks (fired_at) where reported_at is null;

-- A tick's jobs are found by schedule and job id prefix (<scheduleId>-<tick epoch second>-).
create index jobs_by_schedule on jobs (schedule_id, job_id text_pattern_ops)
  where schedule_id is not null;
-- The last hour's outcomes (/collector status) and the retention sweep read by finish time.
create index jobs_by_finished on jobs (finished_at) where finished_at is not null;
