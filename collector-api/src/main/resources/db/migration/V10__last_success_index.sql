-- An incremental job's since: the latest ok job of the same platform, kind and target.
create index jobs_last_success on jobs (platform, kind, target, submitted_at desc)
  where state = 'succeeded' and outcome = 'ok';
