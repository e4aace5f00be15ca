// The whole demo: the city (org tree, users), its power library, and (when the case module
// provides it) case histories. Each part is idempotent; the city refuses real-user databases.
import type { Kysely } from 'kysely';
import type { DB } from './store/schema.ts';
import { seedDemoCity } from './access/demo-city.ts';
import { seedDemoItems } from './catalog/demo-items.ts';

export interface DemoSummary {
  units: number;
  users: number;
  items: number;
}

export async function seedDemo(db: Kysely<DB>, now: Date): Promise<DemoSummary> {
  const city = await seedDemoCity(db, now);
  const items = await seedDemoItems(db, now);
  return { units: city.units, users: city.users, items: items.items };
}
