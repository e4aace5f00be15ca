-- The owed follow-up row of a sweep batch lists up to 2000 signal ids and handler posts (tens of
-- kB): stored out of line without compression, so the sweep's insert does not spend its time in
-- pglz on a row that lives for about a second (docs/supervision.md "Sweep and follow-up").
alter table sup_signal_followups alter column signal_ids set storage external;
alter table sup_signal_followups alter column handler_posts set storage external;
