-- PUB-1: two-character Chinese words (食品, 护照, 排污 …) give pg_trgm no trigram to search
-- with, so such a query scanned the table. Every two-character substring of the search text
-- goes into an indexed array; a two-character query is an array containment lookup.
create or replace function sunlight_bigrams(t text) returns text[] language sql immutable parallel safe as $$
  select coalesce(array_agg(distinct lower(substr(t, i, 2))), '{}')
  from generate_series(1, greatest(length(t) - 1, 0)) as i
  where substr(t, i, 2) !~ '\s'
$$;
alter table catalog_items add column search_bigrams text[] generated always as (sunlight_bigrams(search_text)) stored;
create index catalog_items_bigrams_idx on catalog_items using gin (search_bigrams);
