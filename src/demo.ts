// The whole demo: the city (org tree, users), its power library, and ~300 case histories of the
// last three months. Each part is idempotent; the city refuses databases with real users.
import type { Kysely } from 'kysely';
import type { DB } from './store/schema.ts';
import { seedDemoCity } from './access/demo-city.ts';
import { seedDemoItems } from './catalog/demo-items.ts';
import { seedDemoCases } from './cases/demo-cases.ts';

export interface DemoSummary {
  units: number;
  users: number;
  items: number;
}

/** City and library: quick, so the server can seed them before it listens. */
export async function seedDemo(db: Kysely<DB>, now: Date): Promise<DemoSummary> {
  const city = await seedDemoCity(db, now);
  const items = await seedDemoItems(db, now);
  return { units: city.units, users: city.users, items: items.items };
}

/** Case histories run through the real command service (tens of seconds on PGlite). */
export async function seedDemoHistory(db: Kysely<DB>, now: Date, shouldStop?: () => boolean): Promise<number> {
  return (await seedDemoCases(db, now, { shouldStop })).cases;
}
