-- Electronic supervision 电子监察 (issue 5; SUP-1…SUP-9, SUP-12, SUP-13, SEC-2, SEC-6).
-- Signals, supervision tasks and approvals are hash-chained streams (signal:<id>, task:<id>,
-- approval:<id>); the tables beside them are projections written in the same transaction.

-- ── Threshold profiles (SUP-2): data. levels = { "<clock kind>" | "*": [{ level, any: [Threshold] }] }
create table sup_profiles (
  code         text primary key,
  name         text not null,
  description  text,
  levels       jsonb not null,
  builtin      boolean not null default false,
  updated_at   timestamptz not null,
  updated_by   bigint
);
-- Which profile a clock uses: per clock kind ('*' = any) and optionally per item; most specific wins.
create table sup_profile_bindings (
  id            bigint generated always as identity primary key,
  clock_kind    text not null,
  item_id       bigint references catalog_items(id),
  profile_code  text not null references sup_profiles(code),
  updated_at    timestamptz not null,
  updated_by    bigint
);
create unique index sup_profile_bindings_key on sup_profile_bindings (clock_kind, coalesce(item_id, 0));

-- ── Rule library (SUP-5): rules are data; `kind` names the one TypeScript implementation.
create table sup_rules (
  code            text primary key,
  kind            text not null,
  name            text not null,
  category        text not null check (category in ('anomaly','violation','publicity','exchange')),
  severity        text not null check (severity in ('reminder','yellow','red')),
  basis           text not null,
  params          jsonb not null,
  enabled_levels  text[] not null,
  version         integer not null,
  updated_at      timestamptz not null,
  updated_by      bigint
);
-- Every version of a rule, kept for backtests and for the evidence of past signals.
create table sup_rule_versions (
  code            text not null references sup_rules(code),
  version         integer not null,
  severity        text not null,
  params          jsonb not null,
  enabled_levels  text[] not null,
  note            text,
  created_at      timestamptz not null,
  created_by      bigint,
  primary key (code, version)
);
create trigger sup_rule_versions_append_only before update or delete on sup_rule_versions
  for each row execute function sunlight_append_only();

-- ── Signals (SUP-2…SUP-6, SUP-8): the projection of the signal_events streams.
create sequence sup_signal_no_seq;
create table signals (
  id               bigint generated always as identity primary key,
  signal_no        text not null unique,
  origin           text not null check (origin in ('clock','rule','manual')),
  category         text not null check (category in ('timeliness','anomaly','violation','publicity','exchange')),
  kind             text not null,
  rule_code        text,
  rule_version     integer,
  level            text not null check (level in ('reminder','yellow','red')),
  status           text not null,
  title            text not null,
  explanation      text not null,
  evidence         jsonb not null,
  case_id          bigint,
  case_no          text,
  item_id          bigint,
  item_name        text,
  unit_id          bigint not null,
  unit_path        text not null,
  region_path      text not null,
  clock_source     text,
  clock_id         bigint,
  clock_kind       text,
  threshold_at     timestamptz,
  task_id          bigint,
  parent_id        bigint,
  dedupe_key       text unique,
  raised_at        timestamptz not null,
  response_due_at  timestamptz,
  finding          text check (finding in ('valid','invalid')),
  rectify_due_at   timestamptz,
  assignee_id      bigint,
  closed_region_path text,
  closed_at        timestamptz,
  reopen_count     integer not null default 0,
  updated_at       timestamptz not null
);
create index signals_region_idx on signals (region_path text_pattern_ops, id);
create index signals_unit_path_idx on signals (unit_path text_pattern_ops, id);
create index signals_unit_idx on signals (unit_id, id);
create index signals_case_idx on signals (case_id, id) where case_id is not null;
create index signals_clock_idx on signals (clock_source, clock_id) where clock_id is not null;
create index signals_task_idx on signals (task_id) where task_id is not null;

-- eventTableDdl('signal_events')
create table signal_events (
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
create trigger signal_events_append_only before update or delete on signal_events
  for each row execute function sunlight_append_only();

-- ── Supervision's own clocks (signal response, rectification, supervision tasks) and the
-- catalogue's CAT-3 clocks it watches; case clocks stay in case_clocks (same sweep).
create table sup_clocks (
  id                 bigint generated always as identity primary key,
  source             text not null check (source in ('signal','task','catalog')),
  source_id          bigint not null,
  kind               text not null,
  ref                text,
  state              jsonb not null,
  unit_id            bigint not null,
  unit_path          text not null,
  region_path        text not null,
  item_id            bigint,
  case_id            bigint,
  due_at             timestamptz,
  next_threshold_at  timestamptz,
  status             text not null check (status in ('open','paused','stopped')),
  created_at         timestamptz not null,
  updated_at         timestamptz not null
);
create index sup_clocks_threshold_idx on sup_clocks (next_threshold_at) where status = 'open' and next_threshold_at is not null;
create index sup_clocks_source_idx on sup_clocks (source, source_id);
create unique index sup_clocks_catalog_idx on sup_clocks (source_id) where source = 'catalog';

-- ── Supervision tasks 督查督办 (SUP-7).
create sequence sup_task_no_seq;
create table sup_tasks (
  id              bigint generated always as identity primary key,
  task_no         text not null unique,
  title           text not null,
  content         text not null,
  requirements    text not null,
  unit_id         bigint not null references units(id),
  unit_path       text not null,
  region_path     text not null,
  signal_id       bigint references signals(id),
  limit_days      integer not null,
  status          text not null,
  approval_id     bigint,
  due_at          timestamptz,
  extension_days  integer,
  report          text,
  report_files    jsonb not null default '[]',
  reported_at     timestamptz,
  closed_at       timestamptz,
  created_by      bigint not null,
  creator_region_path text not null,
  created_at      timestamptz not null,
  updated_at      timestamptz not null
);
create index sup_tasks_region_idx on sup_tasks (region_path text_pattern_ops, id);
create index sup_tasks_unit_idx on sup_tasks (unit_id, id);

create table sup_task_events (
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
create trigger sup_task_events_append_only before update or delete on sup_task_events
  for each row execute function sunlight_append_only();

-- ── Generic approvals (SEC-2 export approval, task dispatch and extension …): a request,
-- who may decide it (a permission), the decision with its reason. Reused by later modules.
create table approvals (
  id                   bigint generated always as identity primary key,
  kind                 text not null,
  title                text not null,
  payload              jsonb not null,
  requester_id         bigint not null,
  unit_id              bigint not null,
  unit_path            text not null,
  region_path          text not null,
  approver_permission  text not null,
  status               text not null check (status in ('pending','approved','rejected','used','withdrawn')),
  decided_by           bigint,
  decided_at           timestamptz,
  reason               text,
  result               jsonb,
  created_at           timestamptz not null,
  updated_at           timestamptz not null
);
create index approvals_region_idx on approvals (region_path text_pattern_ops, id);
create index approvals_unit_path_idx on approvals (unit_path text_pattern_ops, id);
create index approvals_pending_idx on approvals (approver_permission, id) where status = 'pending';
create index approvals_requester_idx on approvals (requester_id, id);

create table approval_events (
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
create trigger approval_events_append_only before update or delete on approval_events
  for each row execute function sunlight_append_only();

-- ── Documents: 督办通知书 (red signal, 晋中 二(二)), 监察建议书 (finding, SEC-6), 督办通知 (task).
create sequence sup_document_seq;
create table sup_documents (
  id                 bigint generated always as identity primary key,
  kind               text not null,
  title              text not null,
  doc_no             text not null unique,
  verification_code  text not null unique,
  signal_id          bigint,
  task_id            bigint,
  unit_id            bigint not null,
  unit_path          text not null,
  region_path        text not null,
  data               jsonb not null,
  content_hash       text not null,
  issued_at          timestamptz not null,
  issued_by          bigint
);
create index sup_documents_signal_idx on sup_documents (signal_id) where signal_id is not null;
create index sup_documents_task_idx on sup_documents (task_id) where task_id is not null;
create index sup_documents_region_idx on sup_documents (region_path text_pattern_ops, id);
create trigger sup_documents_append_only before update or delete on sup_documents
  for each row execute function sunlight_append_only();

-- ── Notifications: one outbox for every channel; in-app rows are the bell list.
create table sup_notify_rules (
  id          bigint generated always as identity primary key,
  level       text not null check (level in ('reminder','yellow','red')),
  item_id     bigint,
  recipients  text[] not null,
  channels    text[] not null,
  updated_at  timestamptz not null,
  updated_by  bigint
);
create unique index sup_notify_rules_key on sup_notify_rules (level, coalesce(item_id, 0));

create table sup_templates (
  code        text not null,
  channel     text not null check (channel in ('inapp','sms','email')),
  subject     text not null,
  body        text not null,
  updated_at  timestamptz not null,
  primary key (code, channel)
);

create table sup_outbox (
  id                 bigint generated always as identity primary key,
  channel            text not null check (channel in ('inapp','sms','email')),
  template           text not null,
  recipient_user_id  bigint,
  address            text,
  subject            text not null,
  body               text not null,
  link               text,
  signal_id          bigint,
  task_id            bigint,
  status             text not null check (status in ('pending','sent','dead')),
  attempts           integer not null default 0,
  next_attempt_at    timestamptz,
  last_error         text,
  created_at         timestamptz not null,
  sent_at            timestamptz,
  read_at            timestamptz
);
create index sup_outbox_due_idx on sup_outbox (next_attempt_at) where status = 'pending';
create index sup_outbox_bell_idx on sup_outbox (recipient_user_id, id) where channel = 'inapp';
create index sup_outbox_unread_idx on sup_outbox (recipient_user_id) where channel = 'inapp' and read_at is null;

create table sup_deliveries (
  id          bigint generated always as identity primary key,
  outbox_id   bigint not null references sup_outbox(id),
  attempt     integer not null,
  at          timestamptz not null,
  ok          boolean not null,
  detail      text
);
create index sup_deliveries_outbox_idx on sup_deliveries (outbox_id, id);
create trigger sup_deliveries_append_only before update or delete on sup_deliveries
  for each row execute function sunlight_append_only();

-- ── Patrols 巡查 and sampling 抽样监察 (SUP-9, 四川 §11).
create table sup_patrols (
  id                  bigint generated always as identity primary key,
  patrolled_by        bigint not null,
  unit_id             bigint not null,
  unit_path           text not null,
  region_code         text not null,
  region_path         text not null,
  region_level        text not null,
  target_region_code  text not null,
  target              text not null check (target in ('own','lower')),
  mode                text not null check (mode in ('data','video')),
  day                 date not null,
  at                  timestamptz not null,
  note                text not null,
  findings            text,
  signal_ids          bigint[] not null default '{}'
);
create index sup_patrols_region_idx on sup_patrols (region_path text_pattern_ops, day);
create trigger sup_patrols_append_only before update or delete on sup_patrols
  for each row execute function sunlight_append_only();

create table sup_samplings (
  id           bigint generated always as identity primary key,
  created_by   bigint not null,
  unit_id      bigint not null,
  unit_path    text not null,
  region_path  text not null,
  criteria     jsonb not null,
  requested    integer not null,
  case_ids     bigint[] not null,
  note         text,
  created_at   timestamptz not null
);
create index sup_samplings_region_idx on sup_samplings (region_path text_pattern_ops, id);
create table sup_sampling_findings (
  id           bigint generated always as identity primary key,
  sampling_id  bigint not null references sup_samplings(id),
  case_id      bigint not null,
  result       text not null check (result in ('ok','problem')),
  finding      text not null,
  signal_id    bigint,
  by_id        bigint not null,
  at           timestamptz not null
);
create index sup_sampling_findings_idx on sup_sampling_findings (sampling_id, id);
create trigger sup_sampling_findings_append_only before update or delete on sup_sampling_findings
  for each row execute function sunlight_append_only();

-- ── Rollups for the console (ARCHITECTURE Scale): maintained in the signal's transaction.
create table sup_stats_unit (
  unit_id      bigint not null,
  level        text not null,
  unit_path    text not null,
  region_path  text not null,
  raised       bigint not null default 0,
  open         bigint not null default 0,
  valid        bigint not null default 0,
  primary key (unit_id, level)
);
create index sup_stats_unit_region_idx on sup_stats_unit (region_path text_pattern_ops);
create table sup_stats_day (
  day          date not null,
  unit_id      bigint not null,
  level        text not null,
  unit_path    text not null,
  region_path  text not null,
  raised       bigint not null default 0,
  primary key (day, unit_id, level)
);
create index sup_stats_day_region_idx on sup_stats_day (region_path text_pattern_ops, day);
create table sup_stats_item (
  item_id      bigint not null,
  unit_id      bigint not null,
  level        text not null,
  item_name    text not null,
  unit_path    text not null,
  region_path  text not null,
  raised       bigint not null default 0,
  open         bigint not null default 0,
  primary key (item_id, unit_id, level)
);
create index sup_stats_item_region_idx on sup_stats_item (region_path text_pattern_ops);

-- Backtests and the case monitor read case events by time.
create index if not exists case_events_at_idx on case_events (at);
