// 成都 §9 异常 (SUP-3), detectable from the case's events: each one is a red 纠错 signal.
import { z } from 'zod';
import { chinaDateOf } from '../../domain/calendar.ts';
import { isValidCreditCode, isValidIdNumber } from '../../domain/validators.ts';
import { yuanToFen } from '../../domain/case-machine.ts';
import { ReasonParams, eventsOf, fmtTime, lacksReason, quote } from './common.ts';
import type { Finding, RuleKind } from './types.ts';

/** 成都 §9(2) 咨询异常: the applicant had to supplement more than once (CASE-2: a second notice is recorded as such). */
export const supplementRepeated: RuleKind<{ maxNotices: number }> = {
  kind: 'supplement_repeated',
  triggers: ['case.supplement_requested'],
  params: z.object({ maxNotices: z.number().int().min(1).max(10).default(1) }),
  evaluate({ events, params }) {
    return eventsOf(events, 'case.supplement_requested')
      .filter((e) => Number(e.data.sequence) > params.maxNotices)
      .map((e) => ({
        title: '咨询异常：多次要求补正材料',
        explanation: `本办件第 ${e.data.sequence} 次发出补正材料通知（允许 ${params.maxNotices} 次），申请人因材料问题多次申报，未做到一次性告知（成都办法第九条第二项）。`,
        eventIds: [e.id],
        data: { sequence: e.data.sequence },
      }));
  },
};

/** 成都 §9(2), 行政许可法 §32(4): every missing required material is listed in the (first) notice. */
export const supplementNotAtOnce: RuleKind<Record<string, never>> = {
  kind: 'supplement_not_at_once',
  triggers: ['case.supplement_requested'],
  params: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  evaluate({ events, before, item }) {
    const out: Finding[] = [];
    const have = new Set(before.materials.map((m) => m.code).filter(Boolean));
    const missing = item.materials.filter((m) => m.required && !have.has(m.code));
    for (const e of eventsOf(events, 'case.supplement_requested')) {
      if (e.data.phase !== 'acceptance') continue;
      const listed = new Set((e.data.items ?? []).map((i: { materialCode: string | null }) => i.materialCode));
      const unlisted = missing.filter((m) => !listed.has(m.code));
      if (!unlisted.length) continue;
      out.push({
        title: '咨询异常：补正告知未一次性列明',
        explanation: `补正材料通知未列明申请人缺少的必交材料：${unlisted.map((m) => `「${m.name}」`).join('、')}，未一次性告知补正（成都办法第九条第二项，行政许可法第三十二条）。`,
        eventIds: [e.id],
        data: { unlisted: unlisted.map((m) => m.code) },
      });
    }
    return out;
  },
};

const ReasonRuleParams = ReasonParams.extend({
  eventType: z.enum(['case.refused', 'case.decided', 'case.suspended', 'case.terminated']),
  field: z.enum(['reason', 'reasons']),
  /** For case.decided: only decisions with this outcome. */
  outcome: z.enum(['grant', 'deny']).optional(),
  label: z.string().min(1).max(20),
});
type ReasonRuleParams = z.infer<typeof ReasonRuleParams>;

/** 成都 §9(3)(4)(5)(6): 不受理 / 不许可 / 暂停 / 终止 without a reason given by law. One kind, four rules. */
export const reasonMissing: RuleKind<ReasonRuleParams> = {
  kind: 'reason_missing',
  triggers: ['case.refused', 'case.decided', 'case.suspended', 'case.terminated'],
  params: ReasonRuleParams,
  evaluate({ events, params }) {
    return eventsOf(events, params.eventType)
      .filter((e) => !params.outcome || e.data.outcome === params.outcome)
      .filter((e) => lacksReason(e.data[params.field], params))
      .map((e) => ({
        title: `${params.label}：未依法说明理由`,
        explanation: `${fmtTime(e.at)} 的${params.label.replace('异常', '')}未说明理由或理由无实质内容（${quote(e.data[params.field])}）。`,
        eventIds: [e.id],
        data: { reason: e.data[params.field] ?? null },
      }));
  },
};

/** 成都 §9(8) 事后补录 (DX-1: at most one day late): the event happened long before it was recorded. */
export const backfilledEntry: RuleKind<{ maxLagMinutes: number }> = {
  kind: 'backfilled_entry',
  triggers: '*',
  params: z.object({ maxLagMinutes: z.number().int().min(1).max(60 * 24 * 365).default(24 * 60) }),
  evaluate({ events, params }) {
    const late = events.filter((e) => e.recordedAt.getTime() - e.at.getTime() > params.maxLagMinutes * 60_000);
    if (!late.length) return [];
    const worst = late.reduce((a, b) => (b.recordedAt.getTime() - b.at.getTime() > a.recordedAt.getTime() - a.at.getTime() ? b : a));
    const hours = Math.round((worst.recordedAt.getTime() - worst.at.getTime()) / 36e5);
    return [{
      title: '事后补录：办理信息未实时录入',
      explanation: `${late.length} 条办理记录在发生后才录入，最迟一条发生于 ${fmtTime(worst.at)}、录入于 ${fmtTime(worst.recordedAt)}（滞后约 ${hours} 小时，允许 ${Math.round(params.maxLagMinutes / 60)} 小时），属采取事后补录方式录入（成都办法第九条第八项）。`,
      eventIds: late.map((e) => e.id),
      data: { lagHours: hours, types: [...new Set(late.map((e) => e.type))] },
    }];
  },
};

/** 成都 §9(8) 虚假报送: facts in the events that cannot all be true. */
export const inconsistentData: RuleKind<{ futureToleranceMinutes: number }> = {
  kind: 'inconsistent_data',
  triggers: '*',
  params: z.object({ futureToleranceMinutes: z.number().int().min(0).max(1440).default(10) }),
  evaluate({ events, before, params }) {
    const problems: { id: number; text: string }[] = [];
    let last = before.lastEventAt ? new Date(before.lastEventAt).getTime() : null;
    const decidedOn = before.decision ? chinaDateOf(new Date(before.decision.decidedAt)) : null;
    for (const e of events) {
      const d = e.data ?? {};
      if (e.at.getTime() > e.recordedAt.getTime() + params.futureToleranceMinutes * 60_000) {
        problems.push({ id: e.id, text: `记录时间 ${fmtTime(e.at)} 晚于录入时间 ${fmtTime(e.recordedAt)}` });
      }
      if (last !== null && e.at.getTime() < last) problems.push({ id: e.id, text: `记录时间 ${fmtTime(e.at)} 早于前一条记录` });
      last = Math.max(last ?? 0, e.at.getTime());
      if (e.type === 'case.decided' && Array.isArray(d.fees)) {
        const sum = d.fees.reduce((n: number, f: { amount: string }) => n + (yuanToFen(f.amount) ?? 0), 0);
        if (yuanToFen(d.feeTotal) !== sum) problems.push({ id: e.id, text: `收费合计 ${d.feeTotal} 元与各项收费之和不符` });
      }
      if (e.type === 'case.completed' && d.validFrom && d.validUntil && d.validUntil < d.validFrom) {
        problems.push({ id: e.id, text: `证照有效期止 ${d.validUntil} 早于起 ${d.validFrom}` });
      }
      if (e.type === 'case.delivered' && decidedOn && typeof d.signedOn === 'string' && d.signedOn < decidedOn) {
        problems.push({ id: e.id, text: `送达签收日期 ${d.signedOn} 早于决定日期 ${decidedOn}` });
      }
      if (e.type === 'case.accepted' && before.appliedAt && d.acceptedAsOf && new Date(d.acceptedAsOf) < new Date(before.appliedAt)) {
        problems.push({ id: e.id, text: '受理生效时间早于申请时间' });
      }
      if (e.type === 'case.applied' && d.applicant) {
        const a = d.applicant;
        const bad = a.kind === 'person' ? a.idType === 'id_card' && !isValidIdNumber(String(a.idNumber ?? ''), e.at) : a.kind === 'organisation' && !isValidCreditCode(String(a.creditCode ?? ''));
        if (bad) problems.push({ id: e.id, text: '申请人证件号码或统一社会信用代码校验不通过' });
      }
    }
    if (!problems.length) return [];
    return [{
      title: '虚假报送：办理数据前后矛盾',
      explanation: `办理数据存在不可能同时成立的情形：${problems.map((p) => p.text).join('；')}（成都办法第九条第八项）。`,
      eventIds: [...new Set(problems.map((p) => p.id))],
      data: { problems: problems.map((p) => p.text) },
    }];
  },
};
