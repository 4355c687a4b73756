-- An outbox row whose batch went to SQS in a transaction that never committed (the replica died
-- between the send and the commit) is sent again: this table, written on a connection of its own
-- while each batch is sent, is how the next send knows, and marks the message as resent for the
-- workers. The batch's commit deletes its rows here with its outbox rows. No foreign key: its check
-- would lock the outbox rows the sending transaction holds.
create table outbox_send_attempts (
  outbox_id  bigint      primary key,
  at         timestamptz not null
);
