-- Foundation: shared helpers, organisation tree, access control, sessions, logs, settings.

-- Evidence tables are append-only (ARCHITECTURE "Integrity"; SEC-5): corrections are new rows.
create or replace function sunlight_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'table % is append-only: % refused', tg_table_name, tg_op
    using errcode = 'P0001', hint = 'append_only';
end $$;

create table settings (
  key         text primary key,
  value       jsonb not null,
  updated_at  timestamptz not null default now(),
  updated_by  bigint
);

-- GB/T 2260 regions. path = '/510000/510700/510703/' so "own region and below" is a prefix match.
create table regions (
  code         text primary key check (code ~ '^[0-9]{6}([0-9]{3})?$'),
  name         text not null,
  level        text not null check (level in ('province','city','county','township')),
  parent_code  text references regions(code),
  path         text not null unique,
  active       boolean not null default true,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);
create index regions_path_idx on regions (path text_pattern_ops);
create index regions_parent_idx on regions (parent_code);

create table units (
  id              bigint generated always as identity primary key,
  name            text not null,
  short_name      text,
  kind            text not null check (kind in ('department','agency','supervision','legal','establishment','service_center','hall','window','government')),
  credit_code     text unique,
  region_code     text not null references regions(code),
  region_path     text not null,
  parent_id       bigint references units(id),
  path            text not null default '',
  phone           text,
  address         text,
  active          boolean not null default true,
  deactivated_at  timestamptz,
  deactivated_reason text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index units_region_path_idx on units (region_path text_pattern_ops, id);
create index units_path_idx on units (path text_pattern_ops);
create index units_parent_idx on units (parent_id);

create table posts (
  id          bigint generated always as identity primary key,
  unit_id     bigint not null references units(id),
  code        text not null,
  name        text not null,
  duty        text,
  active      boolean not null default true,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  unique (unit_id, code)
);

create table roles (
  code         text primary key check (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name         text not null,
  scope        text not null check (scope in ('all','region','unit_tree','unit','self')),
  permissions  text[] not null default '{}',
  description  text,
  builtin      boolean not null default false,
  active       boolean not null default true,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);

create table users (
  id                   bigint generated always as identity primary key,
  username             text not null unique,
  display_name         text not null,
  kind                 text not null check (kind in ('staff','applicant')),
  unit_id              bigint references units(id),
  applicant_type       text check (applicant_type in ('person','organisation')),
  id_number            text,
  org_name             text,
  credit_code          text,
  phone                text,
  email                text,
  password_hash        text not null,
  password_changed_at  timestamptz not null default now(),
  must_change_password boolean not null default false,
  failed_attempts      integer not null default 0,
  locked_until         timestamptz,
  last_login_at        timestamptz,
  active               boolean not null default true,
  deactivated_at       timestamptz,
  deactivated_reason   text,
  demo                 boolean not null default false,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  check (kind = 'applicant' or unit_id is not null)
);
create index users_unit_idx on users (unit_id, id);
create unique index users_id_number_idx on users (id_number) where id_number is not null;

create table user_roles (
  user_id    bigint not null references users(id),
  role_code  text not null references roles(code),
  granted_at timestamptz not null default now(),
  granted_by bigint,
  primary key (user_id, role_code)
);

create table user_posts (
  user_id    bigint not null references users(id),
  post_id    bigint not null references posts(id),
  primary key (user_id, post_id)
);
create index user_posts_post_idx on user_posts (post_id);

create table sessions (
  id_hash       text primary key,
  user_id       bigint not null references users(id),
  csrf_token    text not null,
  created_at    timestamptz not null,
  last_seen_at  timestamptz not null,
  expires_at    timestamptz not null,
  ip            text,
  user_agent    text,
  revoked_at    timestamptz
);
create index sessions_user_idx on sessions (user_id);

-- SEC-5: login log and operation log, append-only.
create table login_log (
  id          bigint generated always as identity primary key,
  at          timestamptz not null,
  username    text not null,
  user_id     bigint,
  ip          text,
  user_agent  text,
  result      text not null,
  detail      text
);
create index login_log_at_idx on login_log (at desc, id desc);
create index login_log_user_idx on login_log (username, at desc);
create trigger login_log_append_only before update or delete on login_log
  for each row execute function sunlight_append_only();

create table operation_log (
  id           bigint generated always as identity primary key,
  at           timestamptz not null,
  user_id      bigint,
  username     text,
  unit_id      bigint,
  ip           text,
  request_id   text,
  method       text,
  route        text,
  action       text not null,
  target_type  text,
  target_id    text,
  result       text not null check (result in ('ok','refused','error')),
  status_code  integer,
  detail       jsonb
);
create index operation_log_at_idx on operation_log (at desc, id desc);
create index operation_log_user_idx on operation_log (user_id, at desc);
create index operation_log_action_idx on operation_log (action, at desc);
create trigger operation_log_append_only before update or delete on operation_log
  for each row execute function sunlight_append_only();

-- §0: the statutory calendar. Only exceptions are stored; weekends follow from the date.
create table calendar_days (
  date        date primary key,
  kind        text not null check (kind in ('holiday','workday')),
  name        text not null,
  source      text not null check (source in ('chinese-days','admin','import')),
  updated_at  timestamptz not null default now(),
  updated_by  bigint
);
