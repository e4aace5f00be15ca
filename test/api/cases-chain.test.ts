// Integrity of the case streams (CASE-11, ARCHITECTURE "Integrity"): the demo seed's histories
// rebuild their projections exactly by replay, `sunlight verify` (verifyAllChains) covers
// case_events, and a row tampered with the append-only trigger disabled is reported.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { startHarness, type Harness } from '../helpers/app.ts';
import { seedItems } from '../helpers/cases.ts';
import { seedDemoCases, DEMO_QUERY_PASSWORD } from '../../src/cases/demo-cases.ts';
import { fromStored } from '../../src/cases/commands.ts';
import { caseEvents } from '../../src/cases/views.ts';
import { replay } from '../../src/domain/case-machine.ts';
import { verifyAllChains } from '../../src/store/event-chain.ts';
import { main } from '../../src/cli/main.ts';

for (const backend of backends()) {
  describe(`cases: chains and demo histories (${backend})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(backend);
      await seedItems(h);
    });
    after(() => h.close());

    test('demo cases: varied histories through the command service, replay equals projection', async () => {
      const db = h.tdb.database.db;
      const r = await seedDemoCases(db, h.clock.now(), { count: 80 });
      assert.ok(r.cases >= 70 && r.commands > r.cases * 3, JSON.stringify(r));
      assert.deepEqual(await seedDemoCases(db, h.clock.now()), { cases: 0, commands: 0 }, 'idempotent');
      const statuses = new Set((await db.selectFrom('cases').select('status').execute()).map((x) => x.status));
      for (const s of ['delivered', 'in_process', 'refused']) assert.ok(statuses.has(s), `has ${s}: ${[...statuses]}`);
      const types = new Set((await sql<{ type: string }>`select distinct type from case_events`.execute(db)).rows.map((x) => x.type));
      for (const t of ['case.supplement_requested', 'step.returned', 'case.decided', 'case.delivered']) assert.ok(types.has(t), t);
      const first = await db.selectFrom('cases').select('received_at').orderBy('received_at').executeTakeFirstOrThrow();
      assert.ok(h.clock.now().getTime() - first.received_at.getTime() > 60 * 86_400_000, 'spread over months');
      const rows = await db.selectFrom('cases').select(['id', 'state']).where('kind', '=', 'single').execute();
      for (const row of rows) assert.deepEqual(replay((await caseEvents(db, row.id)).map(fromStored)), row.state, `case ${row.id}`);
      const anon = h.client();
      const some = await db.selectFrom('cases').select('case_no').where('parent_id', 'is', null).limit(1).executeTakeFirstOrThrow();
      assert.equal((await anon.post('/api/public/case-query', { caseNo: some.case_no, password: DEMO_QUERY_PASSWORD })).statusCode, 200);
    });

    test('verify covers case_events and reports a tampered row (trigger disabled)', async () => {
      const db = h.tdb.database.db;
      const ok = (await verifyAllChains(db)).find((x) => x.table === 'case_events')!;
      assert.ok(ok.events > 0);
      assert.equal(ok.firstBreak, null);
      await assert.rejects(sql`update case_events set type = 'x' where id = 1`.execute(db), /append-only/);
      await assert.rejects(sql`delete from case_documents`.execute(db), /append-only/);
      const victim = (await sql<{ id: number; stream_id: string; seq: number }>`select id, stream_id, seq from case_events where type = 'case.decided' order by id limit 1`.execute(db)).rows[0];
      await h.tdb.database.execScript(`alter table case_events disable trigger case_events_append_only;
        update case_events set data = jsonb_set(data, '{outcome}', '"deny"') where id = ${victim.id};
        alter table case_events enable trigger case_events_append_only;`);
      const r = (await verifyAllChains(db)).find((x) => x.table === 'case_events')!;
      assert.deepEqual(r.firstBreak && { stream: r.firstBreak.streamId, seq: r.firstBreak.seq, reason: r.firstBreak.reason },
        { stream: victim.stream_id, seq: victim.seq, reason: 'hash_mismatch' });
    });

    test('`sunlight verify` on a PGlite data directory reports the broken case chain', { skip: backend !== 'pglite' }, async () => {
      const { mkdtempSync, rmSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { openDatabase } = await import('../../src/store/db.ts');
      const { prepareDatabase } = await import('../../src/app.ts');
      const { seedDemoCity } = await import('../../src/access/demo-city.ts');
      const { seedDemoItems } = await import('../../src/catalog/demo-items.ts');
      const dir = mkdtempSync(join(tmpdir(), 'sl-verify-'));
      const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
      try {
        const d = await openDatabase({ dataDir: dir });
        await prepareDatabase(d, h.clock.now());
        await seedDemoCity(d.db, h.clock.now());
        await seedDemoItems(d.db, h.clock.now());
        await seedDemoCases(d.db, h.clock.now(), { count: 6 });
        await d.execScript(`alter table case_events disable trigger case_events_append_only;
          update case_events set ip = '6.6.6.6' where id = 3;
          alter table case_events enable trigger case_events_append_only;`);
        await d.close();
        process.env.DATA_DIR = dir;
        delete process.env.DATABASE_URL;
        const lines: string[] = [];
        const log = console.log;
        console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
        let code: number;
        try {
          code = await main(['verify']);
        } finally {
          console.log = log;
        }
        assert.equal(code, 1);
        assert.ok(lines.some((l) => l.startsWith('case_events: 链断裂 BROKEN') && l.includes('hash_mismatch')), lines.join('\n'));
      } finally {
        if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR; else process.env.DATA_DIR = saved.DATA_DIR;
        if (saved.DATABASE_URL !== undefined) process.env.DATABASE_URL = saved.DATABASE_URL;
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
