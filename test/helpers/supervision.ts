// Helpers for supervision tests: accepted cases through the case API, and supervision run
// for their commands (what the case command service's hook does in production).
import { sql } from 'kysely';
import type { Client, Harness } from './app.ts';
import { enter, itemId, ok, seedItems } from './cases.ts';
import { catchUpCase } from '../../src/supervision/catchup.ts';
import '../../src/supervision/register.ts';

export async function setupCases(h: Harness) {
  await seedItems(h);
  const [ck, hd, rv, ld] = await Promise.all(['ck01', 'scjg_handler', 'scjg_reviewer', 'scjg_leader'].map((u) => h.login(u)));
  const food = await itemId(h, '食品经营许可');
  return { ck, hd, rv, ld, food };
}

/** Runs supervision for every command of the case not yet supervised (idempotent). */
export async function supervise(h: Harness, caseId: number): Promise<void> {
  await catchUpCase(h.tdb.database.db, caseId, 0);
}

export async function acceptedCase(h: Harness, ck: Client, item: number): Promise<number> {
  const a = await enter(h, ck, item);
  await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
  await supervise(h, a.caseId);
  return a.caseId as number;
}

export async function signalsOf(h: Harness, caseId: number) {
  const r = await sql<{ id: number; kind: string; level: string; rule_code: string | null; clock_kind: string | null; threshold_at: Date | null; evidence: any; status: string }>`
    select s.id, s.kind, s.level, s.rule_code, s.clock_kind, s.threshold_at, e.data->'evidence' as evidence, s.status
    from signals s join signal_events e on e.stream_id = 'signal:' || s.id and e.seq = 1 where s.case_id = ${caseId} order by s.id`.execute(h.tdb.database.db);
  return r.rows;
}

export async function openClocks(h: Harness, caseId: number) {
  const r = await sql<{ id: number; kind: string; state: any; due_at: Date | null; next_threshold_at: Date | null }>`
    select id, kind, state, due_at, next_threshold_at from case_clocks where case_id = ${caseId} and status = 'open' order by id`.execute(h.tdb.database.db);
  return r.rows;
}

/** The unit of a demo account. */
export async function unitOf(h: Harness, username: string): Promise<number> {
  return (await h.tdb.database.db.selectFrom('users').select('unit_id').where('username', '=', username).executeTakeFirstOrThrow()).unit_id!;
}

/** jcj_city2 becomes 监察机关领导 (supervision.task.approve, export.approve). */
export async function grantLeader(h: Harness): Promise<Client> {
  const db = h.tdb.database.db;
  const u = await db.selectFrom('users').select('id').where('username', '=', 'jcj_city2').executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: u.id, role_code: 'supervision_leader' } as any).onConflict((oc) => oc.doNothing()).execute();
  return h.login('jcj_city2');
}

