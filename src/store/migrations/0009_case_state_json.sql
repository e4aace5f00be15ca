-- The case row's state snapshot (ARCHITECTURE "Application services"): written whole by every
-- command and read only whole, by the process that runs the next command (cases/context.ts).
-- As json it is validated and stored as sent; as jsonb every command paid for building and
-- sorting a tree nobody queries (≈ 35 µs of the server per command at a 3–4 kB state, issue 4).
-- No SQL reads inside it; the typed columns beside it are what lists and statistics use.
alter table cases alter column state type json using state::json;
