// What a case looks like to staff (the case page: every event, opinions, materials, clocks with
// pause history, documents, the commands this user may give — CASE-3, SUP-1) and to the
// applicant (timeline of public steps without staff internals, 预计办结日期, notices — CASE-8).
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../access/scope.ts';
import { readStream } from '../store/event-chain.ts';
import { clockView, projectedDueAt, type ClockState } from '../domain/clock.ts';
import {
  CASE_STATUSES, allowedCommands, decide, type CaseCommand, type CaseCommandType, type CaseEvent, type CaseState,
} from '../domain/case-machine.ts';
import { ITEM_TYPES, SPECIAL_PROCEDURES } from '../domain/item.ts';
import { CASE_EVENTS, streamOf } from './register.ts';
import { caseActorOf, currentCalendar, itemSpec, type PostHeld } from './context.ts';
import { fromStored } from './commands.ts';
import { COMBINED_STATUSES, FAN_OUT, type CombinedState } from './combined.ts';
import { DELIVERY_METHODS, cnDate } from './documents.ts';
import type { CaseRow } from './tables.ts';

const WHO_REFUSALS = new Set(['WRONG_POST', 'WRONG_UNIT', 'WRONG_ROLE', 'NOT_APPLICANT', 'WRONG_STATE']);

export function statusName(row: Pick<CaseRow, 'kind' | 'status'>): string {
  return row.kind === 'combined' ? COMBINED_STATUSES[row.status as keyof typeof COMBINED_STATUSES] ?? row.status : CASE_STATUSES[row.status as keyof typeof CASE_STATUSES] ?? row.status;
}

async function postsOf(db: Kysely<DB>, userId: number, row: CaseRow): Promise<PostHeld[]> {
  const units = [row.unit_id, ...(row.window_unit_id ? [row.window_unit_id] : [])];
  // system: the signed-in user's own posts in the case's unit and window (what the machine checks)
  return db.selectFrom('user_posts as up').innerJoin('posts as p', 'p.id', 'up.post_id').select(['p.id', 'p.code', 'p.unit_id as unitId'])
    .where('up.user_id', '=', userId).where('p.active', '=', true).where('p.unit_id', 'in', units).execute();
}

/**
 * The commands the table allows now that this actor may give: a dry run of `decide` with an
 * empty command — refused for who/state means unavailable; refused for missing content
 * (reason, opinion …) means available.
 */
export async function availableCommands(db: Kysely<DB>, a: Actor, row: CaseRow, now: Date): Promise<CaseCommandType[]> {
  if (row.kind === 'combined') {
    const st = row.state as CombinedState;
    if (!a.permissions.has('case.accept')) return [];
    const open = new Set(st.subCases.flatMap((s) => allowedCommands(s.status)));
    return FAN_OUT.filter((c) => open.has(c));
  }
  const state = row.state as CaseState;
  const [spec, calendar, posts] = await Promise.all([itemSpec(db, row.item_version_id), currentCalendar(db), postsOf(db, a.userId, row)]);
  const actor = caseActorOf(a, posts, row);
  const t = state.lastEventAt && now.toISOString() < state.lastEventAt ? new Date(state.lastEventAt) : now;
  return allowedCommands(state.status).filter((type) => {
    if (type === 'auto_accept' || type === 'apply') return false;
    try {
      const r = decide(state, { type } as CaseCommand, { now: t, calendar, item: spec, actor });
      return r.ok || !WHO_REFUSALS.has(r.code);
    } catch {
      return true;
    }
  });
}

export async function caseEvents(db: Kysely<DB>, caseId: number) {
  return readStream(db, CASE_EVENTS, streamOf(caseId));
}

export async function staffView(db: Kysely<DB>, a: Actor, row: CaseRow, now: Date) {
  const calendar = await currentCalendar(db);
  const [events, materials, documents, subs, commands, spec] = await Promise.all([
    caseEvents(db, row.id),
    db.selectFrom('case_materials').selectAll().where('case_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('case_documents').select(['id', 'kind', 'title', 'doc_no', 'verification_code', 'issued_at', 'event_seq']).where('case_id', '=', row.id).orderBy('id').execute(),
    relatedCases(db, row),
    availableCommands(db, a, row, now),
    itemSpec(db, row.item_version_id),
  ]);
  const state = row.kind === 'combined' ? null : (row.state as CaseState);
  const clocks: ClockState[] = state ? [...state.clockHistory, ...Object.values(state.clocks)].sort((x, y) => (x.startedAt < y.startedAt ? -1 : x.startedAt > y.startedAt ? 1 : 0)) : [];
  return {
    row, spec, calendar, events, materials, documents, subs, commands, state,
    clocks: clocks.map((c) => clockView(c, calendar, now)),
  };
}

/** The combined case's sub-cases, or a sub-case's combined case and siblings. */
async function relatedCases(db: Kysely<DB>, row: CaseRow) {
  const parentId = row.kind === 'combined' ? row.id : row.parent_id;
  if (parentId === null) return [];
  // system: sub-cases of a parallel approval the caller may already see (numbers, units and status only)
  return db.selectFrom('cases as c').innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.case_no', 'c.kind', 'c.unit_id', 'u.name as unit_name', 'c.status', 'c.outcome', 'c.decided_at'])
    .where((eb) => eb.or([eb('c.id', '=', parentId), eb('c.parent_id', '=', parentId)])).orderBy('c.id').execute();
}

// ---------------------------------------------------------------------------
// The applicant's view.

export interface TimelineEntry {
  at: string;
  title: string;
  detail: string | null;
  caseNo: string;
}

const limitText = (l: { days: number; unit: string }) => (l.unit === 'workday' ? `${l.days}个工作日` : `${l.days}日`);

/** Public steps of the case, without staff names, opinions, posts or internal returns. */
export function publicTimeline(events: CaseEvent[], caseNo: string): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const add = (e: CaseEvent, title: string, detail: string | null = null) => out.push({ at: e.at, title, detail, caseNo });
  for (const e of events) {
    switch (e.type) {
      case 'case.applied': add(e, e.data.channel === 'online' ? '网上申报' : e.data.channel === 'window' ? '窗口收件' : '立案登记', `提交材料 ${e.data.materials.length} 份`); break;
      case 'case.accepted': add(e, e.data.auto ? '逾期视为受理（行政许可法第三十二条）' : '受理'); break;
      case 'case.refused': add(e, '不予受理', e.data.reason); break;
      case 'case.supplement_requested': add(e, e.data.sequence > 1 ? `补正告知（第${e.data.sequence}次）` : '补正告知', e.data.items.map((i) => `${i.name}：${i.problem}`).join('；')); break;
      case 'case.materials_supplied': add(e, '提交补正材料', `${e.data.materials.length} 份`); break;
      case 'step.entered': add(e, `进入「${e.data.name}」环节`); break;
      case 'case.suspended': add(e, '暂停办理', e.data.reason); break;
      case 'case.resumed': add(e, '恢复办理'); break;
      case 'special_procedure.started': add(e, `特别程序：${e.data.name}`, `预计需要${limitText(e.data.expected)}，不计入办理期限`); break;
      case 'special_procedure.result_recorded': add(e, `${SPECIAL_PROCEDURES[e.data.kind]}结束`); break;
      case 'case.extended': add(e, '延长办理期限', `延长${limitText(e.data)}：${e.data.reason}`); break;
      case 'case.decided': add(e, e.data.outcome === 'grant' ? '作出准予决定' : '作出不予决定', e.data.outcome === 'deny' ? e.data.reasons : null); break;
      case 'case.completed': add(e, '办结', `${e.data.kind === 'certificate' ? '证照' : '文书'}编号 ${e.data.number}`); break;
      case 'case.delivered': add(e, '送达', `${DELIVERY_METHODS[e.data.method]}，${cnDate(`${e.data.signedOn}T12:00:00+08:00`)}签收`); break;
      case 'case.withdrawn': add(e, '申请人撤回申请', e.data.reason); break;
      case 'case.terminated': add(e, '终止办理', e.data.reason); break;
      case 'case.merged': add(e, '并案处理', `并入 ${e.data.intoCaseNo}`); break;
      default: break; // opinions, internal returns, evidence and clock events are staff internals
    }
  }
  return out;
}

export async function applicantView(db: Kysely<DB>, row: CaseRow, now: Date) {
  const calendar = await currentCalendar(db);
  const rows = row.kind === 'combined'
    ? // system: the sub-cases of the applicant's own combined case
      await db.selectFrom('cases').selectAll().where('parent_id', '=', row.id).orderBy('id').execute()
    : [row];
  const unitNames = new Map(
    // system: names of the responsible units shown to the applicant
    (await db.selectFrom('units').select(['id', 'name']).where('id', 'in', rows.map((r) => r.unit_id)).execute()).map((u) => [u.id, u.name]),
  );
  const parts = await Promise.all(rows.map(async (r) => {
    const state = r.state as CaseState;
    const events = (await caseEvents(db, r.id)).map(fromStored);
    const docs = await db.selectFrom('case_documents').select(['id', 'kind', 'title', 'doc_no', 'verification_code', 'issued_at']).where('case_id', '=', r.id).orderBy('id').execute();
    const promised = state.clocks.case_promised;
    const expected = state.decision ? state.decision.decidedAt : promised ? projectedDueAt(promised, calendar, now).toISOString() : null;
    return {
      id: r.id, caseNo: r.case_no, unitId: r.unit_id, unitName: unitNames.get(r.unit_id) ?? '', status: r.status, statusName: statusName(r),
      expectedCompletion: expected, supplement: state.supplement ? { items: state.supplement.items, sequence: state.supplement.sequence, requestedAt: state.supplement.requestedAt } : null,
      decision: state.decision ? { outcome: state.decision.outcome, reasons: state.decision.reasons, decidedAt: state.decision.decidedAt } : null,
      result: state.result, timeline: publicTimeline(events, r.case_no), documents: docs,
    };
  }));
  return {
    id: row.id, caseNo: row.case_no, combined: row.kind === 'combined', itemId: row.item_id, itemName: row.item_name,
    itemTypeName: ITEM_TYPES[row.item_type as keyof typeof ITEM_TYPES] ?? row.item_type, channel: row.channel, status: row.status, statusName: statusName(row),
    receivedAt: row.received_at, acceptedAt: row.accepted_at, applicantName: row.applicant_name,
    expectedCompletion: parts.map((p) => p.expectedCompletion).filter((x): x is string => !!x).sort().at(-1) ?? null,
    parts,
  };
}

