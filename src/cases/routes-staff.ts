// Staff API of case processing under /api/cases (CASE-1…CASE-10). Route permissions are the
// coarse gate (case.view, case.enter, case.accept, case.handle, case.extend); the case
// machine's WHO table decides the rest (post in the unit, approver, window) and its refusals
// come back as 4xx with its code. Out-of-jurisdiction cases answer 404.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../store/schema.ts';
import { actorOf } from '../http/context.ts';
import { ErrorResponses, IdParams } from '../http/schemas.ts';
import { PageQuery, page, pageSchema } from '../http/paging.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { Actor } from '../access/scope.ts';
import { storeFile, readFile } from '../catalog/files.ts';
import { isValidCreditCode, isValidIdNumber } from '../domain/validators.ts';
import { CASE_COMMANDS, type CaseCommand, type CaseCommandType, type CaseState } from '../domain/case-machine.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import { ITEM_TYPES } from '../domain/item.ts';
import {
  Applied, CASE_SOURCES, CaseDetail, CaseSummary, CommandBodies, CommandResult, EX_OFFICIO_TYPES, EntryBody, ExOfficioBody, ExOfficioFacts, OverdueFilter,
  toClockView, toSummary, type CommandPath,
} from './api-schemas.ts';
import { applyForCase, materialRefs, type ApplicantInput } from './create.ts';
import { runCommand } from './commands.ts';
import { currentCalendar, itemSpec } from './context.ts';
import { acceptanceQueue, getSummary, getVisibleCase, listCases, ownPostCodes, todoList, visibleCases } from './queries.ts';
import { staffView, statusName } from './views.ts';
import { documentRoutes } from './routes-documents.ts';
import type { CaseRow } from './tables.ts';

export function checkApplicant(a: ApplicantInput, now: Date): void {
  if (a.kind === 'person' && a.idType === 'id_card' && !isValidIdNumber(a.idNumber, now)) {
    throw badRequest('INVALID_ID_NUMBER', '居民身份证号码无效（校验位或出生日期不正确）');
  }
  if (a.kind === 'organisation' && !isValidCreditCode(a.creditCode)) throw badRequest('INVALID_CREDIT_CODE', '统一社会信用代码无效（校验位不正确）');
}

/**
 * 依职权立案 (CASE-12): the case source and the facts become the first material of the case — a
 * text record stored by hash and named in the 'case.applied' event, so it is fixed in the
 * case's chain like any application material (CASE-11).
 */
function factsMaterial(f: z.infer<typeof ExOfficioFacts>, party: ApplicantInput, a: Actor, now: Date) {
  if (f.occurredOn) {
    const d = new Date(`${f.occurredOn}T00:00:00+08:00`);
    if (Number.isNaN(d.getTime()) || chinaDateOf(d) !== f.occurredOn) throw badRequest('INVALID_FACTS', '发生日期无效');
    if (f.occurredOn > chinaDateOf(now)) throw badRequest('INVALID_FACTS', '发生日期不能晚于今天');
  }
  const text = [
    '依职权立案登记',
    `当事人：${party.name}（${party.kind === 'person' ? `身份证件号码 ${party.idNumber}` : `统一社会信用代码 ${party.creditCode}`}）`,
    `案件来源：${CASE_SOURCES[f.source]}`,
    ...(f.occurredOn ? [`发生日期：${f.occurredOn}`] : []),
    ...(f.place ? [`发生地点：${f.place}`] : []),
    `基本案情：${f.summary}`,
    `登记人：${a.displayName}`,
    `登记时间：${now.toISOString()}`,
    '',
  ].join('\n');
  return {
    code: null, name: '案件来源及基本案情', paper: false,
    file: { name: '案件来源及基本案情.txt', mime: 'text/plain; charset=utf-8', contentBase64: Buffer.from(text, 'utf8').toString('base64') },
  };
}

interface BuildCtx {
  trx: Kysely<DB>;
  actor: Actor;
  row: CaseRow;
  now: Date;
}
type Build = (b: any, c: BuildCtx) => CaseCommand | Promise<CaseCommand>;

/** Every command route: path, the machine command, the coarse permission, and how the body becomes the command. */
export const COMMAND_ROUTES: { path: CommandPath; type: CaseCommandType; permission: string; summary: string; build: Build }[] = [
  { path: 'accept', type: 'accept', permission: 'case.view', summary: '受理（出具受理通知书）', build: (b) => ({ type: 'accept', comment: b.comment }) },
  { path: 'refuse', type: 'refuse', permission: 'case.view', summary: '不予受理（须说明理由，出具不予受理决定书）', build: (b) => ({ type: 'refuse', reason: b.reason }) },
  {
    path: 'supplement', type: 'request_supplement', permission: 'case.view', summary: '补正告知：一次性列明全部需补正的材料（受理阶段由窗口，办理阶段由当前环节）',
    build: (b) => ({ type: 'request_supplement', items: b.items, ...(b.limit ? { limit: b.limit } : {}) }),
  },
  {
    path: 'supply', type: 'supply_materials', permission: 'case.view', summary: '登记申请人提交的补正材料（窗口代收）',
    build: async (b, c) => ({ type: 'supply_materials', materials: await materialRefs(c.trx, await itemSpec(c.trx, c.row.item_version_id), b.materials, c.actor.userId, c.now) }),
  },
  { path: 'pass', type: 'pass_step', permission: 'case.handle', summary: '提交本环节意见并转下一环节（不同意须说明理由）', build: (b) => ({ type: 'pass_step', opinion: b.opinion, comment: b.comment, reason: b.reason }) },
  { path: 'return', type: 'return_step', permission: 'case.handle', summary: '退回到流程允许的前序环节（须说明理由）', build: (b) => ({ type: 'return_step', to: b.to, reason: b.reason }) },
  { path: 'suspend', type: 'suspend', permission: 'case.handle', summary: '挂起（须说明理由）', build: (b) => ({ type: 'suspend', reason: b.reason, ...(b.expected ? { expected: b.expected } : {}) }) },
  { path: 'resume', type: 'resume', permission: 'case.handle', summary: '恢复办理', build: (b) => ({ type: 'resume', reason: b.reason }) },
  {
    path: 'special-procedure', type: 'start_special_procedure', permission: 'case.handle', summary: '启动特别程序（出具特别程序告知书，期间不计时）',
    build: (b) => ({ type: 'start_special_procedure', kind: b.kind, expected: b.expected, note: b.note }),
  },
  { path: 'special-result', type: 'record_special_result', permission: 'case.handle', summary: '登记特别程序结果，恢复计时', build: (b) => ({ type: 'record_special_result', result: b.result, ...(b.outcome ? { outcome: b.outcome } : {}) }) },
  {
    path: 'extend', type: 'extend', permission: 'case.extend', summary: '批准延期（一次，须说明理由，出具延期通知书）',
    build: (b) => ({ type: 'extend', reason: b.reason, ...(b.days ? { days: b.days } : {}), ...(b.unit ? { unit: b.unit } : {}) }),
  },
  {
    path: 'evidence', type: 'attach_evidence', permission: 'case.handle', summary: '上传关键证据（决定前，按摘要值固定）',
    build: async (b, c) => {
      const files = [];
      for (const f of b.files as { name: string; kind: string; file: { name: string; mime: string; contentBase64: string } }[]) {
        const s = await storeFile(c.trx, { name: f.file.name, mime: f.file.mime, bytes: Buffer.from(f.file.contentBase64, 'base64') }, c.actor.userId, c.now);
        files.push({ hash: s.hash, name: f.name, kind: f.kind });
      }
      return { type: 'attach_evidence', files } as CaseCommand;
    },
  },
  {
    path: 'decide', type: 'decide', permission: 'case.handle', summary: '作出准予或不予决定（法律依据、收费、处罚裁量）',
    build: (b) => ({ type: 'decide', outcome: b.outcome, reasons: b.reasons, legalBasis: b.legalBasis, fees: b.fees, ...(b.penalty ? { penalty: b.penalty } : {}), comment: b.comment }),
  },
  {
    path: 'complete', type: 'complete', permission: 'case.view', summary: '办结：登记证照编号或文书号、有效期',
    build: (b) => ({ type: 'complete', resultKind: b.resultKind, number: b.number, ...(b.validFrom ? { validFrom: b.validFrom } : {}), validUntil: b.validUntil ?? null }),
  },
  {
    path: 'deliver', type: 'deliver', permission: 'case.view', summary: '送达：登记送达回证',
    build: (b) => ({ type: 'deliver', receipt: { method: b.method, recipient: b.recipient, receiptNo: b.receiptNo, signedOn: b.signedOn } }),
  },
  { path: 'withdraw', type: 'withdraw', permission: 'case.view', summary: '登记申请人书面撤回申请（窗口代办）', build: (b) => ({ type: 'withdraw', reason: b.reason }) },
  { path: 'terminate', type: 'terminate', permission: 'case.handle', summary: '终止办理（须说明理由）', build: (b) => ({ type: 'terminate', reason: b.reason }) },
  {
    path: 'merge', type: 'merge', permission: 'case.handle', summary: '并案（行政处罚案件）',
    build: async (b, c) => {
      const t = await visibleCases(c.trx, c.actor).select(['c.id', 'c.item_type', 'c.unit_id', 'c.status', 'c.kind']).where('c.case_no', '=', String(b.intoCaseNo).trim()).executeTakeFirst();
      if (!t) throw notFound('并入的办件不存在', 'MERGE_TARGET_NOT_FOUND');
      const open = !['delivered', 'refused', 'withdrawn', 'terminated', 'merged', 'completed'].includes(t.status);
      if (t.id === c.row.id || t.kind !== 'single' || t.item_type !== '02' || t.unit_id !== c.row.unit_id || !open) {
        throw new AppError(409, 'MERGE_TARGET_INVALID', '只能并入本单位尚未办结的另一行政处罚案件');
      }
      return { type: 'merge', intoCaseNo: b.intoCaseNo, reason: b.reason };
    },
  },
];

export async function commandResponse(db: Kysely<DB>, caseId: number, r: Awaited<ReturnType<typeof runCommand>>) {
  // system: the case the command just changed, for the response
  const row = await db.selectFrom('cases').select(['case_no', 'kind', 'status']).where('id', '=', caseId).executeTakeFirstOrThrow();
  return {
    caseId, caseNo: row.case_no, status: row.status, statusName: statusName(row),
    events: r.events.map((e) => ({ seq: e.seq, type: e.type })), documents: r.documents,
  };
}

export const staffCaseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const entry = (channel: 'window' | 'ex_officio') => async (req: any, reply: any) => {
    const a = actorOf(req);
    const now = ctx.now();
    checkApplicant(req.body.applicant, now);
    const materials = [...req.body.materials];
    if (channel === 'ex_officio') {
      // system: whether the item's type is exercised ex officio (a catalogue fact, no user data)
      const item = await ctx.db.selectFrom('catalog_items').select('type').where('id', '=', req.body.itemId).executeTakeFirst();
      if (item && !EX_OFFICIO_TYPES.includes(item.type)) {
        throw new AppError(409, 'NOT_EX_OFFICIO_ITEM', `${ITEM_TYPES[item.type as keyof typeof ITEM_TYPES] ?? '该类'}事项依申请办理，不能依职权立案`, { itemType: item.type });
      }
      if (req.body.facts) materials.unshift(factsMaterial(req.body.facts, req.body.applicant, a, now));
    }
    const r = await applyForCase(ctx.db, { itemId: req.body.itemId, channel, applicant: req.body.applicant, materials }, { actor: a, now, ip: req.ip });
    req.audit = { targetType: 'case', targetId: r.caseNo, detail: { itemId: req.body.itemId, channel } };
    return reply.status(201).send(r);
  };

  app.post('/cases', {
    config: { permission: 'case.enter', staffOnly: true, action: 'case.enter' },
    schema: {
      tags: ['cases'], summary: '窗口收件：为自然人或法人录入申请（返回办件流水号和查询密码，仅显示一次）', body: EntryBody,
      response: { 201: Applied, ...ErrorResponses },
    },
  }, entry('window'));

  app.post('/cases/ex-officio', {
    config: { permission: 'case.handle', staffOnly: true, action: 'case.file' },
    schema: {
      tags: ['cases'],
      summary: '依职权立案（行政处罚、行政检查等，CASE-12）：本单位事项流程岗位人员登记当事人和案件来源、基本案情，案件进入待立案（受理/立案环节）',
      body: ExOfficioBody, response: { 201: Applied, ...ErrorResponses },
    },
  }, entry('ex_officio'));

  const Query = z.object({
    status: z.string().max(30).optional(), itemId: z.coerce.number().int().positive().optional(), unitId: z.coerce.number().int().positive().optional(),
    q: z.string().trim().max(60).optional().describe('办件流水号或申请人名称'),
    overdue: OverdueFilter.optional()
      .describe('超期：promised 超承诺时限、legal 超法定时限、step 当前环节超期 —— 均指尚未作出决定、未终结且时限已届满的办件（暂停计时中的不计）'),
    ...PageQuery,
  });
  app.get('/cases', {
    config: { permission: 'case.view', staffOnly: true, personalData: true, action: 'case.list' },
    schema: { tags: ['cases'], summary: '办件列表（按数据权限，键集分页，新办件在前）', querystring: Query, response: { 200: pageSchema(CaseSummary), ...ErrorResponses } },
  }, async (req) => {
    const a = actorOf(req);
    const now = ctx.now();
    const [rows, cal] = await Promise.all([listCases(ctx.db, a, req.query, now), currentCalendar(ctx.db)]);
    const p = page(rows, req.query.limit);
    return { items: p.items.map((r) => toSummary(r, cal, now)), nextCursor: p.nextCursor };
  });

  app.get('/cases/acceptance-queue', {
    config: { permission: 'case.accept', staffOnly: true, personalData: true, action: 'case.queue' },
    schema: { tags: ['cases'], summary: '窗口受理队列（含受理时限）', querystring: z.object(PageQuery), response: { 200: pageSchema(CaseSummary), ...ErrorResponses } },
  }, async (req) => {
    const now = ctx.now();
    const [rows, cal] = await Promise.all([acceptanceQueue(ctx.db, actorOf(req), req.query), currentCalendar(ctx.db)]);
    const p = page(rows, req.query.limit);
    return { items: p.items.map((r) => toSummary(r, cal, now)), nextCursor: p.nextCursor };
  });

  app.get('/cases/todo', {
    config: { permission: 'case.view', staffOnly: true, personalData: true, action: 'case.todo' },
    schema: {
      tags: ['cases'], summary: '待办：本人岗位的当前环节（steps），或待办结/送达（issue）',
      querystring: z.object({ kind: z.enum(['steps', 'issue']).default('steps'), ...PageQuery }), response: { 200: pageSchema(CaseSummary), ...ErrorResponses },
    },
  }, async (req) => {
    const a = actorOf(req);
    const now = ctx.now();
    const [rows, cal] = await Promise.all([todoList(ctx.db, a, await ownPostCodes(ctx.db, a), req.query), currentCalendar(ctx.db)]);
    const p = page(rows, req.query.limit);
    return { items: p.items.map((r) => toSummary(r, cal, now)), nextCursor: p.nextCursor };
  });

  app.get('/cases/:id', {
    config: { permission: 'case.view', staffOnly: true, personalData: true, action: 'case.view' },
    schema: { tags: ['cases'], summary: '办件详情：全部事件、意见、材料、时钟（含暂停记录）、文书、可执行操作', params: IdParams, response: { 200: CaseDetail, ...ErrorResponses } },
  }, async (req) => {
    const a = actorOf(req);
    const now = ctx.now();
    const row = await getVisibleCase(ctx.db, a, req.params.id);
    req.audit = { targetType: 'case', targetId: row.case_no };
    const v = await staffView(ctx.db, a, row, now);
    const summary = await getSummary(ctx.db, a, row.id);
    const s = v.state;
    return {
      case: {
        ...toSummary(summary, v.calendar, now), itemVersionId: row.item_version_id, windowUnitId: row.window_unit_id,
        applicant: {
          type: row.applicant_type, name: row.applicant_name, idType: row.applicant_id_type, idNumber: row.applicant_id_number, phone: row.applicant_phone,
          legalRepresentative: row.applicant_legal_rep, contact: row.applicant_contact, userId: row.applicant_user_id,
        },
        feeTotal: row.fee_total, fineAmount: row.fine_amount, penaltyCircumstance: row.penalty_circumstance, certificateNo: row.certificate_no,
        validFrom: row.valid_from, validUntil: row.valid_until,
      },
      item: {
        versionId: v.spec.versionId, versionNo: v.spec.versionNo, implCode: v.spec.implCode, name: v.spec.name, legalLimit: v.spec.legalLimit,
        promisedLimit: v.spec.promisedLimit, steps: v.spec.steps.map((x) => ({ code: x.code, kind: x.kind, name: x.name, postCode: x.postCode, limit: x.limit, returnTo: x.returnTo })),
        materials: v.spec.materials, specialProcedures: v.spec.specialProcedures,
      },
      steps: s?.steps ?? [],
      materials: v.materials.map((m) => ({ id: m.id, materialCode: m.material_code, name: m.name, fileHash: m.file_hash, paper: m.paper, round: m.round, phase: m.phase, receivedAt: m.received_at.toISOString() })),
      clocks: v.clocks.map(toClockView),
      events: v.events.map((e) => ({
        id: e.id, seq: e.seq, type: e.type, at: e.at.toISOString(), recordedAt: e.recordedAt.toISOString(), actorId: e.actorId, actorName: e.actorName,
        actorUnitId: e.actorUnitId, actorPostId: e.actorPostId ?? null, ip: e.ip ?? null, data: e.data, hash: e.hash, prevHash: e.prevHash,
      })),
      documents: v.documents.map((d) => ({ id: d.id, kind: d.kind as any, title: d.title, docNo: d.doc_no, verificationCode: d.verification_code, issuedAt: d.issued_at.toISOString() })),
      related: v.subs.map((x) => ({ id: x.id, caseNo: x.case_no, kind: x.kind, unitId: x.unit_id, unitName: x.unit_name, status: x.status, statusName: statusName(x), outcome: x.outcome })),
      situation: s ? situationOf(s) : { combined: row.state },
      availableCommands: v.commands.map((t) => ({ type: t, name: CASE_COMMANDS[t] })),
    };
  });

  app.get('/cases/:id/files/:hash', {
    config: { permission: 'case.view', staffOnly: true, personalData: true, action: 'case.file.read' },
    schema: { tags: ['cases'], summary: '下载办件材料或证据', params: IdParams.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/, '文件标识应为 64 位十六进制') }) },
  }, async (req, reply) => {
    const row = await getVisibleCase(ctx.db, actorOf(req), req.params.id);
    const owned = await ctx.db.selectFrom('case_materials').select('id').where('file_hash', '=', req.params.hash)
      .where('case_id', 'in', (eb) => eb.selectFrom('cases as s').select('s.id').where((w) => w.or([w('s.id', '=', row.id), w('s.parent_id', '=', row.id)])))
      .limit(1).executeTakeFirst();
    if (!owned) throw notFound('文件不属于本办件');
    req.audit = { targetType: 'case', targetId: row.case_no, detail: { hash: req.params.hash } };
    const f = await readFile(ctx.db, req.params.hash, false);
    return reply.header('content-type', f.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`).send(f.content);
  });

  for (const r of COMMAND_ROUTES) {
    app.post(`/cases/:id/${r.path}`, {
      config: { permission: r.permission, staffOnly: true, action: `case.${r.type}` },
      schema: { tags: ['cases'], summary: `${CASE_COMMANDS[r.type]}：${r.summary}`, params: IdParams, body: CommandBodies[r.path], response: { 200: CommandResult, ...ErrorResponses } },
    }, async (req) => {
      const a = actorOf(req);
      const now = ctx.now();
      const row = await getVisibleCase(ctx.db, a, req.params.id);
      req.audit = { targetType: 'case', targetId: row.case_no, detail: { command: r.type } };
      const done = await runCommand(ctx.db, row.id, (trx) => Promise.resolve(r.build(req.body, { trx, actor: a, row, now })), { actor: a, now, ip: req.ip });
      return commandResponse(ctx.db, row.id, done);
    });
  }

  await app.register(documentRoutes);
};

/** The current facts of a case for its page. */
function situationOf(s: CaseState) {
  return {
    supplement: s.supplement, suspension: s.suspension, special: s.special, specialResults: s.specialResults, extension: s.extension,
    evidence: s.evidence, decision: s.decision, result: s.result, delivery: s.delivery, closure: s.closure, acceptedAsOf: s.acceptedAsOf,
    autoAccepted: s.autoAccepted, receivedAt: s.receivedAt, appliedAt: s.appliedAt, lastEventAt: s.lastEventAt,
  };
}

