-- The audit of Slack slash commands (POST /slack/commands): who ran what, where, and how it ended
-- (answered, not_allowed, bad_signature). A badly signed request keeps only its time: nothing of
-- an unauthenticated body is trusted or stored.
create table slack_commands (
  id          bigserial   primary key,
  received_at timestamptz not null,
  team_id     text,
  channel_id  text,
  user_id     text,
  command     text,
  text        text,
  outcome     text        not null
);
