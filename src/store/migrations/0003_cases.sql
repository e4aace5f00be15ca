-- Case processing 办件 (issue 4; CASE-1…CASE-13, PUB-1).
-- Every case is a hash-chained stream of events in case_events (stream 'case:<id>'); the
-- tables below are projections written in the same transaction as the events.

-- The event streams: shape of eventTableDdl('case_events') (src/store/event-chain.ts).
create table case_events (
  id            bigint generated always as identity primary key,
  stream_id     text not null,
  seq           integer not null check (seq > 0),
  type          text not null,
  at            timestamptz not null,
  recorded_at   timestamptz not null,
  actor_id      bigint,
  actor_name    text,
  actor_unit_id bigint,
  actor_post_id bigint,
  ip            text,
  data          jsonb not null,
  prev_hash     text not null,
  hash          text not null,
  unique (stream_id, seq)
);
create trigger case_events_append_only before update or delete on case_events
  for each row execute function sunlight_append_only();

-- 办件流水号 and document numbers: sequences never serialise writers.
create sequence case_no_seq;
create sequence case_document_seq;

-- One row per case: the machine's CaseState (state) plus typed columns for lists, scope
-- filters and statistics (CASE-11: key facts are typed, amounts numeric). A command locks
-- this row FOR UPDATE, so the stream head (event_count, last_hash) lives here too.
create table cases (
  id                   bigint generated always as identity primary key,
  case_no              text not null unique,
  -- 'combined' = the umbrella of a parallel approval (CASE-9); its sub-cases have parent_id.
  kind                 text not null default 'single' check (kind in ('single','combined')),
  parent_id            bigint references cases(id),
  query_password_hash  text not null,
  item_id              bigint not null references catalog_items(id),
  item_version_id      bigint not null references catalog_item_versions(id),
  item_name            text not null,
  item_type            text not null,
  -- the responsible unit (实施主体, or the co-unit of a sub-case) and its paths (SEC-1)
  unit_id              bigint not null references units(id),
  unit_path            text not null,
  region_path          text not null,
  -- 一窗受理: the service centre whose windows receive and issue (CASE-1, CASE-8)
  window_unit_id       bigint references units(id),
  channel              text not null check (channel in ('online','window','ex_officio')),
  applicant_type       text not null check (applicant_type in ('person','organisation')),
  applicant_name       text not null,
  applicant_id_type    text,
  -- 居民身份证号 / other ID, or 统一社会信用代码
  applicant_id_number  text not null,
  applicant_phone      text not null,
  applicant_legal_rep  text,
  applicant_contact    text,
  applicant_user_id    bigint references users(id),
  status               text not null,
  current_step         text,
  current_post_code    text,
  received_at          timestamptz not null,
  accepted_at          timestamptz,
  accepted_as_of       timestamptz,
  decided_at           timestamptz,
  completed_at         timestamptz,
  delivered_at         timestamptz,
  closed_at            timestamptz,
  outcome              text check (outcome in ('grant','deny')),
  fee_total            numeric(15,2),
  fine_amount          numeric(15,2),
  penalty_circumstance text,
  certificate_no       text,
  valid_from           date,
  valid_until          date,
  -- clock badges for lists (null while the clock is paused or absent)
  acceptance_due_at    timestamptz,
  promised_due_at      timestamptz,
  legal_due_at         timestamptz,
  step_due_at          timestamptz,
  supplement_count     integer not null default 0,
  return_count         integer not null default 0,
  suspension_count     integer not null default 0,
  extended             boolean not null default false,
  -- the case machine's CaseState; for a combined case its CombinedState
  state                jsonb not null,
  event_count          integer not null default 0,
  last_hash            text not null,
  created_at           timestamptz not null,
  updated_at           timestamptz not null
);
create index cases_unit_path_idx on cases (unit_path text_pattern_ops, id);
create index cases_region_path_idx on cases (region_path text_pattern_ops, id);
create index cases_unit_idx on cases (unit_id, id);
create index cases_applicant_idx on cases (applicant_user_id, id) where applicant_user_id is not null;
create index cases_parent_idx on cases (parent_id) where parent_id is not null;
-- to-do list per post (CASE-3)
create index cases_todo_idx on cases (unit_id, current_post_code, id) where status = 'in_process';
-- window queues: acceptance (CASE-2) and issue (CASE-8)
create index cases_window_idx on cases (window_unit_id, status, id);

-- One row per clock (ARCHITECTURE "Time"): (case, kind, seq) — seq counts the clocks of the
-- kind on the case (each step visit, each acceptance round has its own). state is the
-- ClockState of src/domain/clock.ts; due_at null while a counted pause is open.
-- next_threshold_at: the next instant supervision must look at. Case processing sets it to
-- due_at; the supervision module owns threshold profiles and moves it (SUP-2), claiming due
-- rows with FOR UPDATE SKIP LOCKED from the partial index below.
create table case_clocks (
  id                 bigint generated always as identity primary key,
  case_id            bigint not null references cases(id),
  kind               text not null,
  seq                integer not null,
  ref                text,
  state              jsonb not null,
  started_at         timestamptz not null,
  due_at             timestamptz,
  next_threshold_at  timestamptz,
  status             text not null check (status in ('open','paused','stopped')),
  stopped_at         timestamptz,
  updated_at         timestamptz not null,
  unique (case_id, kind, seq)
);
create index case_clocks_threshold_idx on case_clocks (next_threshold_at) where status = 'open' and next_threshold_at is not null;
-- §32(4) auto-acceptance sweep
create index case_clocks_acceptance_idx on case_clocks (due_at) where kind = 'acceptance' and status = 'open';

-- Materials as received (CASE-1, CASE-4): content-addressed files, paper travelling with
-- the case; round 0 = the application, n = the n-th supplement.
create table case_materials (
  id             bigint generated always as identity primary key,
  case_id        bigint not null references cases(id),
  material_code  text,
  name           text not null,
  file_hash      text references files(hash),
  paper          boolean not null,
  round          integer not null,
  phase          text not null check (phase in ('application','acceptance','processing','evidence')),
  received_at    timestamptz not null,
  event_seq      integer not null
);
create index case_materials_case_idx on case_materials (case_id, id);
create trigger case_materials_append_only before update or delete on case_materials
  for each row execute function sunlight_append_only();

-- Notices and decisions (CASE-10): generated from the case at the event that causes them;
-- data holds every fact printed, content_hash = SM3 of its canonical JSON.
create table case_documents (
  id                 bigint generated always as identity primary key,
  case_id            bigint not null references cases(id),
  kind               text not null,
  title              text not null,
  doc_no             text not null unique,
  verification_code  text not null unique,
  event_seq          integer not null,
  data               jsonb not null,
  content_hash       text not null,
  issued_at          timestamptz not null
);
create index case_documents_case_idx on case_documents (case_id, id);
create trigger case_documents_append_only before update or delete on case_documents
  for each row execute function sunlight_append_only();

-- Wrong passwords of the anonymous progress query (CASE-8), for the lockout.
create table case_query_failures (
  id       bigint generated always as identity primary key,
  case_no  text not null,
  ip       text,
  at       timestamptz not null
);
create index case_query_failures_case_idx on case_query_failures (case_no, at);
create index case_query_failures_ip_idx on case_query_failures (ip, at);
