-- The timer's write path (issue 5, SUP-2: ≥ 20,000 thresholds signalled per second).
-- signal_events.data and sup_documents.data are written once, read whole
-- and never queried inside: as json they are validated and stored as sent (canonical JSON, as
-- hashed), where jsonb made the server build a tree for every signal and 督办通知书 (≈ 12 µs
-- per signal for the first event's data alone). Their SQL readers only take the whole value.
alter table signal_events alter column data type json using data::json;
-- A signal's evidence is the data of its first event (signal.raised), which the chain holds;
-- the row kept a second copy of it for every signal. The detail reads it from the event.
alter table signals drop column evidence;
alter table sup_documents alter column data type json using data::json;
-- The unique keys are compared bytewise: machine-made (JC… numbers, clock:… / rule:… keys),
-- so no linguistic order is wanted, and "C" also lets a LIKE 'prefix%' use the index.
alter table signals alter column dedupe_key type text collate "C";
alter table signals alter column signal_no type text collate "C";
-- A clock's signals are found by their dedupe key's prefix (clock:<source>:<id>:…), so this
-- index — one more entry for every signal the timer writes — is not needed.
drop index signals_clock_idx;
