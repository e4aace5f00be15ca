-- Power library 行政权力库 (issue 3; CAT-1…CAT-8, LEGAL-5, PUB-1).
-- Items are identities with a projection of their current state; every published version
-- is an immutable row; drafts (change requests) are mutable until submitted; every review
-- act is a hash-chained event in catalog_events (stream 'item:<id>').

create extension if not exists pg_trgm;

-- Content-addressed uploads (ARCHITECTURE Integrity): material templates and samples.
-- A file becomes public when a published version refers to it.
create table files (
  hash        text primary key check (hash ~ '^[0-9a-f]{64}$'),
  name        text not null,
  mime        text not null,
  size        integer not null check (size >= 0),
  content     bytea not null,
  public      boolean not null default false,
  created_at  timestamptz not null,
  created_by  bigint
);

-- One row per item: identity (codes) and the projection of the version in force.
-- unit_path / region_path are denormalised so jurisdiction filters are index prefix matches.
create table catalog_items (
  id                  bigint generated always as identity primary key,
  base_code           text not null check (base_code ~ '^[0-9A-Z]{12}$'),
  impl_code           text not null unique check (length(impl_code) = 31),
  name                text not null,
  type                text not null,
  unit_id             bigint not null references units(id),
  unit_path           text not null,
  region_code         text not null references regions(code),
  region_path         text not null,
  -- 'draft' = never published; otherwise the status of the version in force (CAT-2)
  status              text not null default 'draft' check (status in ('draft','active','paused','cancelled')),
  status_from         date,
  prior_status        text check (prior_status in ('active','paused','cancelled')),
  current_version_id  bigint,
  current_version_no  integer not null default 0,
  secret              boolean not null default false,
  exempt              boolean not null default false,
  publicity_problems  integer not null default 0,
  search_text         text not null default '',
  created_at          timestamptz not null,
  updated_at          timestamptz not null
);
create index catalog_items_unit_path_idx on catalog_items (unit_path text_pattern_ops, id);
create index catalog_items_region_path_idx on catalog_items (region_path text_pattern_ops, id);
create index catalog_items_unit_idx on catalog_items (unit_id, id);
create index catalog_items_type_idx on catalog_items (type, id);
create index catalog_items_base_code_idx on catalog_items (base_code);
create index catalog_items_publicity_idx on catalog_items (id) where publicity_problems > 0;
-- PUB-1: keyword search over name + keywords, 2–4 character Chinese words included.
create index catalog_items_search_idx on catalog_items using gin (search_text gin_trgm_ops);

-- Published versions (CAT-3): immutable; only valid_to is closed once, when superseded.
create table catalog_item_versions (
  id                   bigint generated always as identity primary key,
  item_id              bigint not null references catalog_items(id),
  version_no           integer not null check (version_no > 0),
  change_id            bigint not null,
  base_code            text not null,
  impl_code            text not null,
  name                 text not null,
  type                 text not null,
  unit_id              bigint not null references units(id),
  unit_path            text not null,
  region_path          text not null,
  legal_limit_days     integer not null,
  legal_limit_unit     text not null check (legal_limit_unit in ('workday','natural')),
  promised_limit_days  integer not null,
  promised_limit_unit  text not null check (promised_limit_unit in ('workday','natural')),
  free                 boolean not null,
  on_the_spot          boolean not null,
  online               boolean not null,
  secret               boolean not null,
  status               text not null check (status in ('active','paused','cancelled')),
  status_from          date not null,
  prior_status         text check (prior_status in ('active','paused','cancelled')),
  status_reason        text,
  elements             jsonb not null,
  elements_hash        text not null,
  publicity_problems   jsonb not null,
  valid_from           timestamptz not null,
  valid_to             timestamptz,
  published_at         timestamptz not null,
  published_by         bigint,
  unique (item_id, version_no)
);
create index catalog_item_versions_item_idx on catalog_item_versions (item_id, version_no desc);
create index catalog_item_versions_region_idx on catalog_item_versions (region_path text_pattern_ops, id);

create or replace function catalog_version_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'published item versions cannot be deleted' using errcode = 'P0001', hint = 'append_only';
  end if;
  if old.valid_to is not null or (to_jsonb(new) - 'valid_to') <> (to_jsonb(old) - 'valid_to') then
    raise exception 'published item versions are immutable (only valid_to may be closed once)'
      using errcode = 'P0001', hint = 'append_only';
  end if;
  return new;
end $$;
create trigger catalog_item_versions_immutable before update or delete on catalog_item_versions
  for each row execute function catalog_version_immutable();

-- Change requests (drafts): mutable while 'draft' or 'returned'; frozen once submitted.
create table catalog_changes (
  id                  bigint generated always as identity primary key,
  item_id             bigint not null references catalog_items(id),
  kind                text not null check (kind in ('create','modify','status')),
  state               text not null check (state in ('draft','submitted','returned','published')),
  base_version_id     bigint,
  unit_id             bigint not null references units(id),
  unit_path           text not null,
  region_path         text not null,
  elements            jsonb not null,
  parts               text[] not null default '{}',
  changed_fields      text[] not null default '{}',
  new_status          text check (new_status in ('active','paused','cancelled')),
  status_from         date,
  status_reason       text,
  reason              text,
  trigger_kind        text,
  trigger_date        date,
  basic_approved_by   bigint,
  basic_approved_at   timestamptz,
  flow_approved_by    bigint,
  flow_approved_at    timestamptz,
  last_opinion        text,
  published_version_id bigint,
  created_by          bigint not null,
  created_at          timestamptz not null,
  updated_at          timestamptz not null,
  submitted_at        timestamptz
);
create unique index catalog_changes_one_open_idx on catalog_changes (item_id) where state in ('draft','submitted','returned');
create index catalog_changes_region_idx on catalog_changes (region_path text_pattern_ops, id);
create index catalog_changes_unit_path_idx on catalog_changes (unit_path text_pattern_ops, id);
create index catalog_changes_state_idx on catalog_changes (state, id);

-- CAT-3 time limits as clocks: 20 working days to file after the trigger, 10 to review.
create table catalog_clocks (
  id           bigint generated always as identity primary key,
  kind         text not null check (kind in ('filing','review_basic','review_flow')),
  item_id      bigint not null references catalog_items(id),
  change_id    bigint not null references catalog_changes(id),
  unit_id      bigint not null,
  unit_path    text not null,
  region_path  text not null,
  start_date   date not null,
  days         integer not null,
  day_unit     text not null check (day_unit in ('workday','natural')),
  due_at       timestamptz not null,
  done_at      timestamptz,
  created_at   timestamptz not null
);
create index catalog_clocks_open_idx on catalog_clocks (due_at) where done_at is null;
create index catalog_clocks_change_idx on catalog_clocks (change_id);
create unique index catalog_clocks_filing_idx on catalog_clocks (change_id) where kind = 'filing';

-- CAT-7: exemption of a secret item from supervision, two approvals, revocable.
create table catalog_exemptions (
  id                   bigint generated always as identity primary key,
  item_id              bigint not null references catalog_items(id),
  unit_id              bigint not null,
  unit_path            text not null,
  region_path          text not null,
  secret_doc           text not null,
  reason               text not null,
  state                text not null check (state in ('pending','granted','revoked')),
  requested_by         bigint not null,
  requested_at         timestamptz not null,
  supervision_by       bigint,
  supervision_at       timestamptz,
  supervision_opinion  text,
  secrecy_by           bigint,
  secrecy_at           timestamptz,
  secrecy_opinion      text,
  revoked_by           bigint,
  revoked_at           timestamptz,
  revoke_reason        text
);
create unique index catalog_exemptions_one_live_idx on catalog_exemptions (item_id) where state in ('pending','granted');
create index catalog_exemptions_region_idx on catalog_exemptions (region_path text_pattern_ops, id);

-- CAT-5: a lower library reports an item version up to the upper level.
create table catalog_reports (
  id               bigint generated always as identity primary key,
  item_id          bigint not null references catalog_items(id),
  version_id       bigint not null references catalog_item_versions(id),
  unit_id          bigint not null,
  unit_path        text not null,
  region_path      text not null,
  from_region_code text not null,
  to_region_code   text not null,
  note             text,
  reported_by      bigint not null,
  reported_at      timestamptz not null
);
create index catalog_reports_to_idx on catalog_reports (to_region_code, id);
create index catalog_reports_item_idx on catalog_reports (item_id, id);

-- Review acts, hash-chained per item (generated by eventTableDdl('catalog_events')).
create table catalog_events (
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
create trigger catalog_events_append_only before update or delete on catalog_events
  for each row execute function sunlight_append_only();
