// zod schemas of the case API (requests and responses; OpenAPI at /docs) and the mappers from
// rows and views to them. Content rules (reasons required, amounts in the band …) are the case
// machine's: schemas check shapes, so the machine's refusal codes reach the caller.
import { z } from 'zod';
import { iso } from '../http/paging.ts';
import { CLOCK_KINDS, type ClockView } from '../domain/clock.ts';
import { CASE_COMMANDS, CASE_STATUSES } from '../domain/case-machine.ts';
import { CIRCUMSTANCES, ITEM_TYPES, SPECIAL_PROCEDURES } from '../domain/item.ts';
import { DOCUMENT_KINDS } from './documents.ts';
import { OVERDUE_KINDS, badgesOf, type ClockBadge, type SummaryRow } from './queries.ts';
import { statusName } from './views.ts';
import type { WorkCalendar } from '../domain/calendar.ts';

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number) => z.string().trim().max(max);
const optText = (max: number) => z.string().trim().max(max).optional();

export const DayUnit = z.enum(['workday', 'natural']);
export const Limit = z.object({ days: z.number().int().min(0).max(3650), unit: DayUnit });
export const FileInput = z.object({
  name: text(200).min(1, '请填写文件名'),
  mime: text(100).default('application/octet-stream'),
  contentBase64: z.string().min(1).max(7_000_000).regex(/^[A-Za-z0-9+/=\s]+$/, '文件内容应为 Base64'),
});
export const MaterialInput = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/).nullable().default(null).describe('事项材料清单中的材料编码；清单外材料为 null'),
  name: optText(200),
  paper: z.boolean().default(false).describe('纸质材料随案流转'),
  file: FileInput.nullish(),
});
export const PersonApplicant = z.object({
  kind: z.literal('person'), name: text(50).min(1, '请填写申请人姓名'), idType: z.enum(['id_card', 'passport', 'other']).default('id_card'),
  idNumber: text(40).min(1, '请填写证件号码'), phone: text(30).min(5, '请填写联系电话'),
});
export const OrgApplicant = z.object({
  kind: z.literal('organisation'), name: text(200).min(1, '请填写单位名称'), creditCode: text(18).min(1, '请填写统一社会信用代码'),
  legalRepresentative: text(50).min(1, '请填写法定代表人'), contact: text(50).min(1, '请填写联系人'), phone: text(30).min(5, '请填写联系电话'),
});
export const ApplicantInput = z.discriminatedUnion('kind', [PersonApplicant, OrgApplicant]);
export const EntryBody = z.object({
  itemId: z.number().int().positive(), applicant: ApplicantInput, materials: z.array(MaterialInput).max(50).default([]),
});
/**
 * Item types a unit opens on its own initiative (依职权): 行政处罚, 行政强制, 行政征收, 行政检查,
 * 其他行政权力, 监管措施, 行政征用. Powers exercised on application (许可, 确认, 给付, 裁决,
 * 公共服务 …) start with an application, never ex officio.
 */
export const EX_OFFICIO_TYPES: readonly string[] = ['02', '03', '04', '06', '10', '24', '26'];

/** 依职权立案 (CASE-12): the party (当事人) and the facts the case is opened on. */
export const CASE_SOURCES = {
  inspection: '监督检查发现', complaint: '投诉举报', referral: '其他机关移送', assigned: '上级机关交办', other: '其他途径',
} as const;
export const ExOfficioFacts = z.object({
  source: z.enum(keys(CASE_SOURCES)).describe('案件来源'),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional().describe('发生日期（违法行为或所涉事实）'),
  place: optText(200).describe('发生地点'),
  summary: text(4000).min(1, '请填写基本案情').describe('基本案情（涉嫌违法的事实）'),
});
export const ExOfficioBody = EntryBody.extend({
  facts: ExOfficioFacts.optional().describe('立案依据的案件来源和基本案情，作为立案材料（文本文件）随案固定'),
});
export const OnlineBody = z.object({
  itemId: z.number().int().positive(),
  phone: optText(30).describe('默认取实名账户的手机号'),
  legalRepresentative: optText(50).describe('法人申请必填'),
  contact: optText(50),
  materials: z.array(MaterialInput).max(50).default([]),
});

/** `GET /api/cases?overdue=` (queries.ts OVERDUE_KINDS). */
export const OverdueFilter = z.enum(keys(OVERDUE_KINDS));

// ---------- commands ----------
const Reason = text(1000).default('');
export const CommandBodies = {
  accept: z.object({ comment: optText(1000) }),
  refuse: z.object({ reason: Reason }),
  supplement: z.object({
    items: z.array(z.object({ materialCode: z.string().max(16).nullish(), name: text(200), problem: text(1000) })).max(100).default([]),
    limit: Limit.optional(),
  }),
  supply: z.object({ materials: z.array(MaterialInput).max(50).default([]) }),
  pass: z.object({ opinion: z.enum(['agree', 'disagree']), comment: optText(2000), reason: optText(2000) }),
  return: z.object({ to: text(16), reason: Reason }),
  suspend: z.object({ reason: Reason, expected: Limit.optional() }),
  resume: z.object({ reason: Reason }),
  'special-procedure': z.object({ kind: z.enum(keys(SPECIAL_PROCEDURES)), expected: Limit, note: optText(1000) }),
  'special-result': z.object({ result: text(2000).default(''), outcome: z.enum(['passed', 'failed', 'other']).optional() }),
  extend: z.object({ reason: Reason, days: z.number().int().min(1).max(60).optional(), unit: DayUnit.optional() }),
  evidence: z.object({
    files: z.array(z.object({ name: text(200), kind: z.enum(['video', 'audio', 'photo', 'document']), file: FileInput })).max(20).default([]),
  }),
  decide: z.object({
    outcome: z.enum(['grant', 'deny']), reasons: optText(4000), legalBasis: z.array(text(500)).max(20).default([]),
    fees: z.array(z.object({ name: text(200), amount: z.string().max(20).describe('元，最多两位小数'), quantity: z.string().max(20).optional() })).max(20).optional(),
    penalty: z.object({ circumstance: z.enum(keys(CIRCUMSTANCES)), fine: z.string().max(20), otherMeasures: optText(1000) }).optional(),
    comment: optText(4000),
  }),
  complete: z.object({
    resultKind: z.enum(['certificate', 'document']), number: text(100).default(''),
    validFrom: z.string().max(10).optional(), validUntil: z.string().max(10).nullish(),
  }),
  deliver: z.object({
    method: z.enum(['direct', 'window', 'mail', 'electronic', 'left', 'announcement']), recipient: text(200).default(''),
    receiptNo: text(100).default(''), signedOn: z.string().max(10),
  }),
  withdraw: z.object({ reason: optText(1000) }),
  terminate: z.object({ reason: Reason }),
  merge: z.object({ intoCaseNo: text(40), reason: Reason }),
} as const;
export type CommandPath = keyof typeof CommandBodies;

// ---------- responses ----------
export const ClockBadgeSchema = z.object({
  kind: z.string(), ref: z.string().nullable(), status: z.enum(['running', 'paused', 'stopped']), dueAt: z.string().nullable(),
  projectedDueAt: z.string(), remaining: z.number(), unit: DayUnit, overdue: z.boolean(),
});

export const CaseSummary = z.object({
  id: z.number(), caseNo: z.string(), kind: z.enum(['single', 'combined']), parentId: z.number().nullable(), itemId: z.number(), itemName: z.string(),
  itemType: z.string(), itemTypeName: z.string(), unitId: z.number(), unitName: z.string(), channel: z.enum(['online', 'window', 'ex_officio']),
  applicantType: z.enum(['person', 'organisation']), applicantName: z.string(), status: z.string(), statusName: z.string(),
  currentStep: z.string().nullable(), currentPostCode: z.string().nullable(), receivedAt: z.string(), acceptedAt: z.string().nullable(),
  decidedAt: z.string().nullable(), completedAt: z.string().nullable(), closedAt: z.string().nullable(), outcome: z.enum(['grant', 'deny']).nullable(),
  supplementCount: z.number(), extended: z.boolean(), acceptanceDueAt: z.string().nullable(), promisedDueAt: z.string().nullable(),
  legalDueAt: z.string().nullable(), stepDueAt: z.string().nullable(), clocks: z.array(ClockBadgeSchema),
});

export function toSummary(r: SummaryRow, cal: WorkCalendar, now: Date): z.infer<typeof CaseSummary> {
  const clocks: ClockBadge[] = badgesOf(r.open_clocks, cal, now);
  return {
    id: r.id, caseNo: r.case_no, kind: r.kind, parentId: r.parent_id, itemId: r.item_id, itemName: r.item_name, itemType: r.item_type,
    itemTypeName: ITEM_TYPES[r.item_type as keyof typeof ITEM_TYPES] ?? r.item_type, unitId: r.unit_id, unitName: r.unit_name, channel: r.channel,
    applicantType: r.applicant_type, applicantName: r.applicant_name, status: r.status, statusName: statusName(r), currentStep: r.current_step,
    currentPostCode: r.current_post_code, receivedAt: r.received_at.toISOString(), acceptedAt: iso(r.accepted_at), decidedAt: iso(r.decided_at),
    completedAt: iso(r.completed_at), closedAt: iso(r.closed_at), outcome: r.outcome, supplementCount: r.supplement_count, extended: r.extended,
    acceptanceDueAt: iso(r.acceptance_due_at), promisedDueAt: iso(r.promised_due_at), legalDueAt: iso(r.legal_due_at), stepDueAt: iso(r.step_due_at), clocks,
  };
}

export const DocumentRef = z.object({
  id: z.number(), kind: z.enum(keys(DOCUMENT_KINDS)), title: z.string(), docNo: z.string(), verificationCode: z.string(), issuedAt: z.string().optional(),
});
export const CommandResult = z.object({
  caseId: z.number(), caseNo: z.string(), status: z.string(), statusName: z.string(),
  events: z.array(z.object({ seq: z.number(), type: z.string() })), documents: z.array(DocumentRef),
});
export const Applied = z.object({
  caseId: z.number(), caseNo: z.string(), queryPassword: z.string().describe('仅此一次显示，请告知申请人'),
  subCases: z.array(z.object({ id: z.number(), caseNo: z.string(), unitId: z.number() })), documents: z.array(DocumentRef),
});

export const ClockViewSchema = z.object({
  kind: z.string(), kindName: z.string(), ref: z.string().nullable(), status: z.enum(['running', 'paused', 'stopped']), limit: Limit,
  startedAt: z.string(), stoppedAt: z.string().nullable(), dueAt: z.string().nullable(), projectedDueAt: z.string(), used: z.number(),
  remaining: z.number(), effectiveLimit: z.number(), overdue: z.boolean(),
  pauses: z.array(z.object({
    from: z.string(), to: z.string().nullable(), reason: z.string(), expected: Limit.nullable(), counted: z.boolean(), days: z.number(), daysSoFar: z.number(),
  })),
  extensions: z.array(z.object({ days: z.number(), unit: DayUnit, reason: z.string(), approvedAt: z.string() })),
});
export function toClockView(v: ClockView) {
  return {
    kind: v.kind, kindName: CLOCK_KINDS[v.kind], ref: v.ref, status: v.status, limit: v.limit, startedAt: v.startedAt, stoppedAt: v.stoppedAt,
    dueAt: iso(v.dueAt), projectedDueAt: v.projectedDueAt.toISOString(), used: v.used, remaining: v.remaining, effectiveLimit: v.effectiveLimit,
    overdue: v.overdue,
    pauses: v.pauses.map((p) => ({ from: p.pause.from, to: p.pause.to, reason: p.pause.reason, expected: p.pause.expected, counted: p.counted, days: p.days, daysSoFar: p.daysSoFar })),
    extensions: v.extensions,
  };
}

export const EventSchema = z.object({
  id: z.number().describe('事件编号（全平台唯一；监察证据以此引用事件）'), seq: z.number(), type: z.string(), at: z.string(), recordedAt: z.string(), actorId: z.number().nullable(), actorName: z.string().nullable(),
  actorUnitId: z.number().nullable(), actorPostId: z.number().nullable(), ip: z.string().nullable(), data: z.record(z.string(), z.unknown()),
  hash: z.string(), prevHash: z.string(),
});

export const MaterialSchema = z.object({
  id: z.number(), materialCode: z.string().nullable(), name: z.string(), fileHash: z.string().nullable(), paper: z.boolean(), round: z.number(),
  phase: z.string(), receivedAt: z.string(),
});

export const CaseDetail = z.object({
  case: CaseSummary.extend({
    itemVersionId: z.number(), windowUnitId: z.number().nullable(),
    applicant: z.object({
      type: z.enum(['person', 'organisation']), name: z.string(), idType: z.string().nullable(), idNumber: z.string(), phone: z.string(),
      legalRepresentative: z.string().nullable(), contact: z.string().nullable(), userId: z.number().nullable(),
    }),
    feeTotal: z.string().nullable(), fineAmount: z.string().nullable(), penaltyCircumstance: z.string().nullable(), certificateNo: z.string().nullable(),
    validFrom: z.string().nullable(), validUntil: z.string().nullable(),
  }),
  item: z.object({
    versionId: z.number(), versionNo: z.number(), implCode: z.string(), name: z.string(), legalLimit: Limit, promisedLimit: Limit,
    steps: z.array(z.object({ code: z.string(), kind: z.string(), name: z.string(), postCode: z.string(), limit: Limit, returnTo: z.array(z.string()) })),
    materials: z.array(z.object({ code: z.string(), name: z.string(), required: z.boolean() })), specialProcedures: z.array(z.string()),
  }),
  steps: z.array(z.unknown()).describe('环节经历（StepVisit：意见、理由、办理人）'),
  materials: z.array(MaterialSchema),
  clocks: z.array(ClockViewSchema),
  events: z.array(EventSchema),
  documents: z.array(DocumentRef),
  related: z.array(z.object({ id: z.number(), caseNo: z.string(), kind: z.string(), unitId: z.number(), unitName: z.string(), status: z.string(), statusName: z.string(), outcome: z.string().nullable() })),
  situation: z.record(z.string(), z.unknown()).describe('补正、挂起、特别程序、延期、决定、结果、送达、终结等当前事实'),
  availableCommands: z.array(z.object({ type: z.string(), name: z.string() })),
});

const TimelineSchema = z.object({ at: z.string(), title: z.string(), detail: z.string().nullable(), caseNo: z.string() });
export const ApplicantView = z.object({
  id: z.number(), caseNo: z.string(), combined: z.boolean(), itemId: z.number(), itemName: z.string(), itemTypeName: z.string(),
  channel: z.string(), status: z.string(), statusName: z.string(), receivedAt: z.string(), acceptedAt: z.string().nullable(),
  applicantName: z.string(), expectedCompletion: z.string().nullable().describe('预计办结日期（承诺时限的到期时刻，暂停期间按预计恢复推算）'),
  parts: z.array(z.object({
    id: z.number(), caseNo: z.string(), unitId: z.number(), unitName: z.string(), status: z.string(), statusName: z.string(),
    expectedCompletion: z.string().nullable(),
    supplement: z.object({ items: z.array(z.object({ materialCode: z.string().nullable(), name: z.string(), problem: z.string() })), sequence: z.number(), requestedAt: z.string() }).nullable(),
    decision: z.object({ outcome: z.enum(['grant', 'deny']), reasons: z.string().nullable(), decidedAt: z.string() }).nullable(),
    result: z.object({ kind: z.string(), number: z.string(), validFrom: z.string().nullable(), validUntil: z.string().nullable(), completedAt: z.string() }).nullable(),
    timeline: z.array(TimelineSchema),
    documents: z.array(DocumentRef),
  })),
});

export const VerifyResult = z.object({
  valid: z.literal(true), title: z.string(), docNo: z.string(), issuedAt: z.string(), contentHash: z.string(),
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
});

export const COMMAND_NAMES: Record<string, string> = { ...CASE_COMMANDS };
export const STATUS_NAMES: Record<string, string> = { ...CASE_STATUSES };
