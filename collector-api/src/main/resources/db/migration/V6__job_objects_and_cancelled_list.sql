-- ADR 0007: one S3 object per job. A job's records are a byte range of that object, given by the
-- worker's result event; null for jobs whose records are an object of their own (before ADR 0007).
alter table jobs add column records_range text;

-- The cancelled-jobs list workers poll: jobs cancelled after they were sent to the jobs queue that
-- no worker has reported on yet. Small by construction, so the index is too.
create index jobs_cancelled_unreported on jobs (finished_at)
  where state = 'cancelled' and queued_at is not null and worker_id is null;
