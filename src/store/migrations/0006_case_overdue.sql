-- 超期 filters of the staff case list (issue 4; SUP-2, SUP-4): open cases — not decided, not
-- closed — whose promised, legal or step limit instant has passed (src/cases/queries.ts).
-- One partial index per limit holds only the open cases (a few per cent of all cases), keyed
-- by the due instant, so "due < now" reads only the overdue ones; it also carries the id and
-- the jurisdiction columns, so the page's ids come from an index-only scan and only the rows
-- of the page are read from the table. A paused clock has a null due instant and is not in
-- the index. Plans at 10⁷ cases: docs/cases.md "Overdue filter".
create index cases_overdue_promised_idx on cases (promised_due_at)
  include (id, unit_id, unit_path, region_path, window_unit_id)
  where decided_at is null and closed_at is null and promised_due_at is not null;
create index cases_overdue_legal_idx on cases (legal_due_at)
  include (id, unit_id, unit_path, region_path, window_unit_id)
  where decided_at is null and closed_at is null and legal_due_at is not null;
create index cases_overdue_step_idx on cases (step_due_at)
  include (id, unit_id, unit_path, region_path, window_unit_id)
  where decided_at is null and closed_at is null and step_due_at is not null;
