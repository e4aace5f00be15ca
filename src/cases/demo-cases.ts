// Demo cases for the demo city: a few hundred cases run through realistic histories by the
// SAME command service the server uses, each command at its own past instant, spread over the
// last ~3 months: on time, late (with and without an approved extension), supplemented at
// acceptance (some twice), supplemented during processing, suspended, special procedures
// (inspection, expert review, hearing), returned, refused, denied, withdrawn, terminated,
// automatically accepted (§32(4)), penalties with hearing, evidence and discretion (one merged),
// and parallel approvals (CASE-9). Recent cases are still open — so supervision has real
// material. Deterministic (seeded PRNG). Demo-only: all demo cases share DEMO_QUERY_PASSWORD.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../access/scope.ts';
import { loadActor } from '../access/actor.ts';
import { hashPassword } from '../access/password.ts';
import { loadCalendar } from '../calendar/service.ts';
import { currentPublishedVersion } from '../catalog/items.ts';
import { WorkCalendar, chinaDateOf, startOfChinaDay } from '../domain/calendar.ts';
import type { ItemVersionSpec, SpecialProcedureKind } from '../domain/item.ts';
import { decidingStep, processSteps, type CaseCommand } from '../domain/case-machine.ts';
import { makeCreditCode, makeIdNumber } from '../domain/validators.ts';
import { runCommand } from './commands.ts';
import { applyForCase, type ApplicantInput, type MaterialInput } from './create.ts';
import { runAutoAcceptances } from './auto-accept.ts';
import { storeFile } from '../catalog/files.ts';

export const DEMO_QUERY_PASSWORD = 'DEMO2026';
const HOUR = 3_600_000;

export interface DemoCasesResult {
  cases: number;
  commands: number;
}

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

class Stop extends Error {}

/** Business time: working days, 9:00–17:00 China time. */
class Clock {
  constructor(public t: Date, private cal: WorkCalendar, private rng: Rng, private limit: Date) {}
  private workStart(date: string) {
    return new Date(startOfChinaDay(date).getTime() + 9 * HOUR + this.rng.int(0, 90) * 60_000);
  }
  /** Moves into working hours (next working day when outside). */
  normalise(): this {
    const date = chinaDateOf(this.t);
    const hour = (this.t.getTime() - startOfChinaDay(date).getTime()) / HOUR;
    if (!this.cal.isWorkingDay(date) || hour >= 17) this.t = this.workStart(this.cal.nextWorkingDay(date));
    else if (hour < 9) this.t = this.workStart(date);
    return this;
  }
  hours(h: number): this {
    this.t = new Date(this.t.getTime() + h * HOUR + this.rng.int(0, 40) * 60_000);
    return this.normalise();
  }
  days(n: number): this {
    if (n <= 0) return this.hours(this.rng.int(1, 3));
    this.t = this.workStart(this.cal.addWorkingDays(chinaDateOf(this.t), n));
    return this.hours(this.rng.int(0, 5));
  }
  check(): Date {
    if (this.t.getTime() > this.limit.getTime()) throw new Stop();
    return new Date(this.t);
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰丹萍鑫宇浩然梓涵欣怡子轩一诺雨泽思远嘉怡俊杰';
const ORG_WORDS = ['富乐', '科创', '涪江', '九洲', '长虹', '天府', '安昌', '仙海', '越王', '芙蓉'];
const ORG_KINDS = ['餐饮管理有限公司', '建筑工程有限公司', '运输有限公司', '医疗科技有限公司', '环保科技有限公司', '商贸有限公司'];

interface Staffing {
  byPost: Map<string, number[]>;
  approvers: number[];
}

export async function seedDemoCases(db: Kysely<DB>, now: Date, opts: { count?: number; seed?: number; shouldStop?: () => boolean } = {}): Promise<DemoCasesResult> {
  // system: idempotence check of the demo seed
  const any = await db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  if (any) return { cases: 0, commands: 0 };
  const rng = prng(opts.seed ?? 20261102);
  const cal = await loadCalendar(db);
  // system: the demo seed picks the published, public items of the demo library
  const itemRows = await db.selectFrom('catalog_items').select(['id']).where('status', '=', 'active').where('secret', '=', false).orderBy('id').execute();
  const specs = (await Promise.all(itemRows.map((r) => currentPublishedVersion(db, r.id)))).filter((s): s is ItemVersionSpec => !!s);
  if (!specs.length) return { cases: 0, commands: 0 };

  // Who holds which post in which unit (demo staff), the windows, the applicants.
  // system: the demo seed reads the demo staff and their posts
  const posts = await db.selectFrom('user_posts as up').innerJoin('posts as p', 'p.id', 'up.post_id').innerJoin('users as u', 'u.id', 'up.user_id')
    .select(['u.id as user_id', 'u.username', 'p.unit_id', 'p.code']).where('u.active', '=', true).execute();
  // system: the demo seed reads the demo approvers
  const approverRows = await db.selectFrom('user_roles as r').innerJoin('users as u', 'u.id', 'r.user_id').select(['u.id', 'u.unit_id'])
    .where('r.role_code', '=', 'approver').execute();
  const staffing = new Map<number, Staffing>();
  const staffOf = (unitId: number) => {
    let s = staffing.get(unitId);
    if (!s) staffing.set(unitId, (s = { byPost: new Map(), approvers: [] }));
    return s;
  };
  for (const p of posts) {
    const s = staffOf(p.unit_id);
    s.byPost.set(p.code, [...(s.byPost.get(p.code) ?? []), p.user_id]);
  }
  for (const a of approverRows) if (a.unit_id) staffOf(a.unit_id).approvers.push(a.id);
  // system: the demo seed reads the units' paths to route window entries
  const units = new Map((await db.selectFrom('units').select(['id', 'region_path', 'kind']).execute()).map((u) => [u.id, u]));
  const windows = posts.filter((p) => p.code === 'accept' && units.get(p.unit_id)?.kind === 'service_center');
  // system: the demo seed reads the demo applicant accounts
  const applicants = await db.selectFrom('users').select(['id', 'display_name', 'applicant_type', 'id_number', 'org_name', 'credit_code', 'phone'])
    .where('kind', '=', 'applicant').where('demo', '=', true).orderBy('id').execute();

  const actors = new Map<number, Actor>();
  const actor = async (userId: number) => {
    let a = actors.get(userId);
    if (!a) actors.set(userId, (a = (await loadActor(db, userId))!));
    return a;
  };
  const qp = { password: DEMO_QUERY_PASSWORD, hash: await hashPassword(DEMO_QUERY_PASSWORD) };
  let commands = 0;
  let cases = 0;

  const holder = (unitId: number, post: string) => {
    const xs = staffing.get(unitId)?.byPost.get(post);
    return xs?.length ? rng.pick(xs) : null;
  };
  const staffed = (spec: ItemVersionSpec, unitId: number) => processSteps(spec).every((s) => holder(unitId, s.postCode) !== null);
  const windowFor = (spec: ItemVersionSpec) => {
    const path = units.get(spec.unitId)!.region_path;
    const fit = windows.filter((w) => path.startsWith(units.get(w.unit_id)!.region_path))
      .sort((a, b) => units.get(b.unit_id)!.region_path.length - units.get(a.unit_id)!.region_path.length);
    const best = fit.filter((w) => units.get(w.unit_id)!.region_path === units.get(fit[0]?.unit_id)?.region_path);
    return best.length ? rng.pick(best).user_id : null;
  };

  const person = (): ApplicantInput => {
    const name = rng.pick([...SURNAMES]) + rng.pick([...GIVEN]) + (rng.chance(0.5) ? rng.pick([...GIVEN]) : '');
    const birth = `${rng.int(1960, 2002)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
    return { kind: 'person', name, idType: 'id_card', idNumber: makeIdNumber(`${rng.pick(['510703', '510704', '510705', '510722'])}${birth}${rng.int(100, 999)}`), phone: `138${rng.int(10000000, 99999999)}` };
  };
  const organisation = (): ApplicantInput => ({
    kind: 'organisation', name: `绵阳${rng.pick(ORG_WORDS)}${rng.pick(ORG_KINDS)}`, creditCode: makeCreditCode(`91510700MA${String(rng.int(1e5, 9e5 - 1))}${rng.pick(['A', 'B', 'C', 'D'])}`),
    legalRepresentative: rng.pick([...SURNAMES]) + rng.pick([...GIVEN]), contact: rng.pick([...SURNAMES]) + rng.pick([...GIVEN]), phone: `139${rng.int(10000000, 99999999)}`,
  });
  const materialsOf = (spec: ItemVersionSpec, caseIdx: number): MaterialInput[] => spec.materials.map((m, i) => ({
    code: m.code, paper: i > 0 && rng.chance(0.3),
    file: { name: `${m.name}.pdf`, mime: 'application/pdf', contentBase64: Buffer.from(`%PDF-1.4 演示材料 ${m.name} #${caseIdx}`).toString('base64') },
  }));

  // One case's history. Returns when done or when the next act would be in the future.
  async function history(spec: ItemVersionSpec, scenario: string, start: Date, idx: number) {
    const clock = new Clock(start, cal, rng, now).normalise();
    const penalty = spec.type === '02';
    const online = !penalty && rng.chance(0.35) && applicants.length > 0;
    const clerk = windowFor(spec);
    const ip = `10.${rng.int(1, 20)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
    let applicantUser: number | null = null;
    let applicant: ApplicantInput;
    if (online) {
      const u = rng.pick(applicants);
      applicantUser = u.id;
      applicant = u.applicant_type === 'organisation'
        ? { kind: 'organisation', name: u.org_name!, creditCode: u.credit_code!, legalRepresentative: '王建国', contact: u.display_name, phone: u.phone ?? '13800000000' }
        : { kind: 'person', name: u.display_name, idType: 'id_card', idNumber: u.id_number!, phone: u.phone ?? '13800000000' };
    } else applicant = rng.chance(0.55) ? person() : organisation();
    const filer = penalty ? holder(spec.unitId, processSteps(spec)[0]?.postCode ?? 'handle') ?? holder(spec.unitId, 'handle') : null;
    const entrant = online ? applicantUser : penalty ? filer : clerk;
    if (entrant === null) return;
    const applied = await applyForCase(db, {
      itemId: spec.itemId, channel: online ? 'online' : penalty ? 'ex_officio' : 'window', applicant, materials: penalty ? [] : materialsOf(spec, idx),
    }, { actor: await actor(entrant), now: clock.check(), ip }, { queryPassword: qp });
    commands++;
    cases++;
    const caseId = applied.caseId;
    const subs = applied.subCases.length ? applied.subCases : [{ id: caseId, caseNo: applied.caseNo, unitId: spec.unitId }];
    const run = async (userId: number | null, id: number, cmd: CaseCommand) => {
      const at = clock.check();
      await runCommand(db, id, cmd, { actor: userId === null ? null : await actor(userId), now: at, ip });
      commands++;
    };
    const windowUser = clerk ?? filer;
    const applicantOrWindow = online ? applicantUser : windowUser;
    const listed = spec.materials.length ? spec.materials : [{ code: null, name: '书面申请' }];
    const supplementItems = () => listed.slice(0, rng.int(1, Math.min(2, listed.length))).map((m) => ({
      materialCode: m.code, name: m.name, problem: rng.pick(['未加盖公章', '复印件不清晰', '缺少法定代表人签字', '与原件不一致', '已过有效期']),
    }));
    const supply = () => ({ type: 'supply_materials', materials: listed.slice(0, 2).map((m) => ({ code: m.code, name: m.name, hash: null, paper: true })) }) as CaseCommand;

    // ---- acceptance (CASE-2) ----
    if (scenario === 'pending') return;
    if (scenario === 'refused') {
      await run(windowUser, caseId, { type: 'refuse', reason: rng.pick(['申请事项不属于本机关职权范围', '申请人不具备申请资格', '依法不需要取得行政许可']) });
      return;
    }
    if (scenario === 'auto_accepted') {
      await runAutoAcceptances(db, clock.days(6).check());
      commands++;
    } else if (!penalty && (scenario === 'supplemented' || scenario === 'supplemented_twice')) {
      clock.hours(rng.int(2, 20));
      await run(windowUser, caseId, { type: 'request_supplement', items: supplementItems() });
      clock.days(rng.int(1, 6));
      await run(applicantOrWindow, caseId, supply());
      if (scenario === 'supplemented_twice') {
        clock.hours(rng.int(2, 10));
        await run(windowUser, caseId, { type: 'request_supplement', items: supplementItems() });
        clock.days(rng.int(1, 4));
        await run(applicantOrWindow, caseId, supply());
      }
      clock.hours(rng.int(1, 8));
      await run(windowUser, caseId, { type: 'accept' });
    } else {
      clock.hours(rng.int(0, penalty ? 20 : 6));
      await run(windowUser, caseId, { type: 'accept', comment: penalty ? '经核查，符合立案条件，予以立案' : undefined });
    }
    if (scenario === 'withdrawn_early') {
      clock.days(rng.int(1, 3));
      await run(applicantOrWindow, subs[0].id === caseId ? caseId : caseId, { type: 'withdraw', reason: '申请人书面申请撤回' });
      return;
    }

    // ---- processing (CASE-3…CASE-7), each sub-case by its own unit ----
    for (const sub of subs) {
      const steps = processSteps(spec);
      const deciding = decidingStep(spec)!;
      const late = scenario === 'late' || scenario === 'late_extended';
      const slow = late ? spec.promisedLimit.days + rng.int(2, 6) : 0;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        const who = holder(sub.unitId, step.postCode);
        if (who === null) return; // nobody holds the post: the case waits there (late, for supervision)
        if (i === 0 && scenario === 'late_extended' && spec.legalLimit.days > spec.promisedLimit.days) {
          const leader = staffing.get(sub.unitId)?.approvers[0];
          clock.days(1);
          if (leader) await run(leader, sub.id, { type: 'extend', reason: '需要组织现场核查和专家论证，情况复杂', days: 10, unit: 'workday' });
        }
        const share = Math.max(0, step.limit.unit === 'natural' ? Math.floor(step.limit.days * 5 / 7) : step.limit.days);
        clock.days(i === 0 && late ? slow : rng.int(0, Math.max(0, share)));
        if (i === 0) {
          if (scenario === 'processing_supplement') {
            await run(who, sub.id, { type: 'request_supplement', items: supplementItems(), limit: { days: 10, unit: 'workday' } });
            clock.days(rng.int(2, 7));
            await run(applicantOrWindow, sub.id, supply());
          } else if (scenario === 'suspended') {
            await run(who, sub.id, { type: 'suspend', reason: rng.pick(['等待现场核查安排', '申请人申请暂缓办理', '涉及其他部门意见征询']), expected: { days: 5, unit: 'workday' } });
            clock.days(rng.int(3, 9));
            await run(who, sub.id, { type: 'resume', reason: '核查完毕，恢复办理' });
          } else if (scenario === 'special' && spec.specialProcedures.length) {
            const kind = rng.pick(spec.specialProcedures) as SpecialProcedureKind;
            await run(who, sub.id, { type: 'start_special_procedure', kind, expected: { days: rng.pick([7, 10, 15]), unit: 'natural' }, note: '委托专业机构进行' });
            clock.days(rng.int(4, 12));
            await run(who, sub.id, { type: 'record_special_result', result: '符合要求', outcome: 'passed' });
          } else if (scenario === 'withdrawn') {
            await run(applicantOrWindow, sub.id === caseId ? caseId : caseId, { type: 'withdraw', reason: '经营计划调整，申请撤回' });
            return;
          } else if (scenario === 'terminated') {
            await run(who, sub.id, { type: 'terminate', reason: '申请人主体资格已注销，依法终止办理' });
            return;
          }
        }
        if (step !== deciding) {
          if (scenario === 'returned' && i === 1 && step.returnTo.length) {
            await run(who, sub.id, { type: 'return_step', to: step.returnTo[0], reason: '现场核查记录不完整，请补充核查' });
            clock.days(1);
            await run(holder(sub.unitId, steps.find((s) => s.code === step.returnTo[0])!.postCode)!, sub.id, { type: 'pass_step', opinion: 'agree', comment: '已补充核查记录' });
            clock.hours(rng.int(2, 12));
          }
          await run(who, sub.id, { type: 'pass_step', opinion: 'agree', comment: rng.pick(['材料齐全，符合法定条件', '经审查符合要求，建议准予', '同意承办意见']) });
          continue;
        }
        // the deciding step
        if (penalty) {
          const kind: SpecialProcedureKind = 'hearing';
          if (spec.requiresResultOf.includes(kind) || spec.specialProcedures.includes(kind)) {
            await run(who, sub.id, { type: 'start_special_procedure', kind, expected: { days: 10, unit: 'natural' }, note: '当事人要求听证' });
            clock.days(rng.int(5, 9));
            await run(who, sub.id, { type: 'record_special_result', result: '听证会已举行，当事人陈述申辩意见不成立', outcome: 'other' });
          }
          const evidence = async (name: string, mime: string) =>
            (await storeFile(db, { name, mime, bytes: Buffer.from(`演示证据 ${name} #${idx}`) }, who, clock.t)).hash;
          await run(who, sub.id, { type: 'attach_evidence', files: [
            { hash: await evidence('现场检查笔录.pdf', 'application/pdf'), name: '现场检查笔录', kind: 'document' },
            { hash: await evidence('现场照片.jpg', 'image/jpeg'), name: '现场照片', kind: 'photo' },
          ] });
        }
        const deny = scenario === 'denied';
        const basis = [spec.name.includes('食品') ? '《中华人民共和国食品安全法》' : '《中华人民共和国行政许可法》第三十八条'];
        let cmd: CaseCommand;
        if (penalty) {
          const band = spec.discretion.find((b) => b.circumstance === 'ordinary') ?? spec.discretion[0];
          cmd = deny
            ? { type: 'decide', outcome: 'deny', reasons: '违法事实不能成立', legalBasis: ['《中华人民共和国行政处罚法》第五十七条'] }
            : { type: 'decide', outcome: 'grant', legalBasis: ['《中华人民共和国食品安全法》第一百二十二条'], comment: '当事人未取得食品经营许可从事餐饮服务，货值金额不足一万元',
                penalty: { circumstance: band.circumstance, fine: band.minFine ?? '0', ...(band.otherMeasures ? { otherMeasures: band.otherMeasures } : {}) } };
        } else {
          const fees = spec.fees.filter((f) => f.standard.kind === 'fixed').map((f) => ({ name: f.name, amount: (f.standard as { amount: string }).amount }));
          cmd = deny
            ? { type: 'decide', outcome: 'deny', reasons: rng.pick(['经现场核查，经营场所不符合规定条件', '申请材料反映的情况与实际不符', '不符合法定条件、标准']), legalBasis: basis }
            : { type: 'decide', outcome: 'grant', legalBasis: basis, fees };
        }
        await run(who, sub.id, cmd);
      }
      // ---- completion and delivery (CASE-8) ----
      const issuer = clerk ?? holder(sub.unitId, deciding.postCode);
      clock.days(rng.int(0, 2));
      await run(issuer, sub.id, {
        type: 'complete', resultKind: penalty || scenario === 'denied' ? 'document' : 'certificate',
        number: `${penalty ? '绵市监罚' : 'SL'}${chinaDateOf(clock.t).replaceAll('-', '')}${String(idx).padStart(4, '0')}`,
        ...(penalty || scenario === 'denied' ? {} : { validFrom: chinaDateOf(clock.t), validUntil: `${Number(chinaDateOf(clock.t).slice(0, 4)) + 5}${chinaDateOf(clock.t).slice(4)}` }),
      });
      clock.days(rng.int(0, 3));
      await run(issuer, sub.id, { type: 'deliver', receipt: { method: rng.pick(['window', 'mail', 'electronic'] as const), recipient: applicant.name, receiptNo: `SD${idx}-${sub.id}`, signedOn: chinaDateOf(clock.t) } });
    }
  }

  // The mix of histories.
  const permits = specs.filter((s) => s.type !== '02' && !s.joint && staffed(s, s.unitId) && windowFor(s) !== null);
  const penalties = specs.filter((s) => s.type === '02' && staffed(s, s.unitId));
  const joint = specs.filter((s) => s.joint && [s.unitId, ...s.joint.coUnitIds].every((u) => staffed(s, u)) && windowFor(s) !== null);
  const unstaffed = specs.filter((s) => s.type !== '02' && !s.joint && !staffed(s, s.unitId) && windowFor(s) !== null);
  const SCENARIOS: [string, number][] = [
    ['on_time', 38], ['late', 8], ['late_extended', 4], ['supplemented', 9], ['supplemented_twice', 3], ['processing_supplement', 4],
    ['suspended', 4], ['special', 5], ['returned', 4], ['refused', 5], ['denied', 6], ['withdrawn', 3], ['withdrawn_early', 2],
    ['terminated', 1], ['auto_accepted', 2],
  ];
  const total = SCENARIOS.reduce((n, [, w]) => n + w, 0);
  const pickScenario = () => {
    let r = rng.next() * total;
    for (const [s, w] of SCENARIOS) if ((r -= w) < 0) return s;
    return 'on_time';
  };
  const count = opts.count ?? 300;
  const span = 90 * 24 * HOUR;
  for (let i = 0; i < count; i++) {
    if (opts.shouldStop?.()) break; // the server is shutting down: stop between cases
    const start = new Date(now.getTime() - span + (span * i) / count + rng.int(0, 12) * HOUR);
    let spec: ItemVersionSpec;
    let scenario: string;
    if (penalties.length && i % 25 === 7) {
      spec = rng.pick(penalties);
      scenario = rng.chance(0.15) ? 'denied' : 'on_time';
    } else if (joint.length && i % 60 === 30) {
      spec = rng.pick(joint);
      scenario = 'on_time';
    } else if (unstaffed.length && i % 40 === 11) {
      spec = rng.pick(unstaffed); // a step nobody holds: stuck, late — supervision material
      scenario = 'on_time';
    } else {
      spec = rng.pick(permits);
      scenario = now.getTime() - start.getTime() < 4 * 24 * HOUR && rng.chance(0.5) ? 'pending' : pickScenario();
      if (scenario === 'special' && !spec.specialProcedures.length) scenario = 'suspended';
    }
    try {
      await history(spec, scenario, start, i);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
  }
  // CASE-4 并案: the last two open penalty cases of a unit, the later merged into the earlier.
  // system: the demo seed looks up open penalty cases to merge
  const open = await db.selectFrom('cases').select(['id', 'case_no', 'unit_id', 'current_post_code']).where('item_type', '=', '02').where('status', '=', 'in_process').orderBy('id').execute();
  if (open.length >= 2) {
    const [a, b] = open.slice(-2);
    const who = staffing.get(b.unit_id)?.byPost.get('handle')?.[0];
    if (who && a.unit_id === b.unit_id) {
      const holderOfStep = staffing.get(b.unit_id)?.byPost.get(b.current_post_code ?? '')?.[0];
      if (holderOfStep) {
        await runCommand(db, b.id, { type: 'merge', intoCaseNo: a.case_no, reason: '同一当事人同一违法行为，合并处理' }, { actor: await actor(holderOfStep), now });
        commands++;
      }
    }
  }
  // §32(4): whatever waited past its acceptance limit is accepted as the server's sweep would have.
  const swept = await runAutoAcceptances(db, now);
  commands += swept.accepted;
  return { cases, commands };
}

