-- Data by creator. Jobs that ended ok wait in partition_queue until the partition writer copies
-- their records into the query layout (creators/platform=/type=/dt=/part-<batch>.jsonl.gz) and
-- into the serving tables below, in batches. A batch is claimed first (batch_id), so a writer that
-- dies after its PUTs is redone under the same batch id: the same keys, overwritten.
create table partition_queue (
  job_id     text        primary key references jobs (job_id) on delete cascade,
  queued_at  timestamptz not null,
  batch_id   text,
  claimed_at timestamptz
);
create index partition_queue_waiting on partition_queue (queued_at) where batch_id is null;

-- What GET /v1/creators/{platform}/{id} answers: the latest profile record of each creator...
create table creator_profiles (
  platform    text        not null,
  creator_id  text        not null,
  handle      text,
  record      jsonb       not null,
  observed_at timestamptz not null,
  primary key (platform, creator_id)
);
create index creator_profiles_by_handle on creator_profiles (platform, lower(handle));

-- ... the latest record of each of their posts ...
create table creator_posts (
  platform     text        not null,
  creator_id   text        not null,
  post_id      text        not null,
  published_at timestamptz,
  record       jsonb       not null,
  observed_at  timestamptz not null,
  primary key (platform, creator_id, post_id)
);
create index creator_posts_recent on creator_posts (platform, creator_id, published_at desc nulls last);

-- ... and one value per metric and day: the profile's counts on the day they were read, and the
-- account's daily insights on the day they count.
create table creator_history (
  platform    text        not null,
  creator_id  text        not null,
  metric      text        not null,
  day         date        not null,
  value       numeric     not null,
  observed_at timestamptz not null,
  primary key (platform, creator_id, metric, day)
);

-- Which partition objects hold a creator's lines: erasure rewrites exactly those.
create table creator_objects (
  platform   text not null,
  creator_id text not null,
  object_key text not null,
  primary key (platform, creator_id, object_key)
);
