-- An outbox row whose batch went to SQS in a transaction that never committed (the replica died
-- between the send and the commit) is sent again: this table, written in its own transaction just
-- before each send, is how the next send knows, and marks the message as resent for the workers.
-- A row goes with its outbox row once the batch commits.
create table outbox_send_attempts (
  outbox_id  bigint      primary key references outbox (id) on delete cascade,
  at         timestamptz not null
);
