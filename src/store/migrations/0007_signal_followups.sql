-- Follow-up of timer signals (issue 5, SUP-2; docs/supervision.md "Sweep and follow-up").
-- A sweep batch writes only the signals, their first chain events, the clocks' next thresholds
-- and the rollups, plus one row here listing the batch's signals, in the same transaction. The
-- follow-up step of the same timer loop claims these rows (FOR UPDATE SKIP LOCKED, so two
-- processes never take the same one), writes the response clocks, the 督办通知书, the
-- notifications and the owners' effects (a late response on the parent signal's chain, a
-- task's 催办) and deletes the row — in one transaction: a signal is listed exactly while its
-- follow-up is owed, and nothing is lost if the process dies between the two steps. A
-- handling act on a listed signal does that signal's follow-up first and takes it off the list.
create table sup_signal_followups (
  id             bigint generated always as identity primary key,
  signal_ids     bigint[] not null,
  -- per signal: the post whose holders are "the responsible handler" (晋中 二(二)); not kept on signals
  handler_posts  text[] not null,
  created_at     timestamptz not null
);
