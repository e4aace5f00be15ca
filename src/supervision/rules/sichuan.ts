// 四川 §10(二) in-process checks (SUP-13): procedure, staff, rollback, evidence, legal basis, execution.
import { z } from 'zod';
import { processSteps, yuanToFen } from '../../domain/case-machine.ts';
import { eventsOf, fmtTime, lacksReason, ReasonParams } from './common.ts';
import type { Finding, RuleEvent, RuleKind } from './types.ts';

const STEP_ACTS = ['step.passed', 'step.returned', 'case.decided', 'special_procedure.started', 'special_procedure.result_recorded', 'evidence.attached'];

/** 四川 §10(二)2, CASE-3: each step is handled by someone holding the step's post. */
export const stepWithoutPost: RuleKind<Record<string, never>> = {
  kind: 'step_without_post',
  triggers: STEP_ACTS,
  params: z.object({}) as unknown as z.ZodType<Record<string, never>>,
  evaluate({ events, before }) {
    const visit = before.steps.at(-1);
    if (!visit || visit.leftAt !== null) return [];
    const bad = eventsOf(events, ...STEP_ACTS).filter((e) => !e.by.system && e.by.postCode !== visit.postCode);
    if (!bad.length) return [];
    return [{
      title: '办理人员不具备岗位资格',
      explanation: `「${visit.name}」环节须由「${visit.postCode}」岗位人员办理，实际由用户 ${bad[0].by.userId}（岗位：${bad[0].by.postCode ?? '无'}）于 ${fmtTime(bad[0].at)} 办理（四川办法第十条第二项第2目）。`,
      eventIds: bad.map((e) => e.id),
      data: { step: visit.code, required: visit.postCode, actual: bad[0].by.postCode, userId: bad[0].by.userId },
    }];
  },
};

/** 四川 §10(二)4, CASE-4: a return only to an earlier step the flow allows. */
export const illegalReturn: RuleKind<Record<string, never>> = {
  kind: 'illegal_return',
  triggers: ['step.returned'],
  params: z.object({}) as unknown as z.ZodType<Record<string, never>>,
  evaluate({ events, item }) {
    const steps = processSteps(item);
    const out: Finding[] = [];
    for (const e of eventsOf(events, 'step.returned')) {
      const i = steps.findIndex((s) => s.code === e.data.step);
      const j = steps.findIndex((s) => s.code === e.data.to);
      if (i >= 0 && j >= 0 && j < i && steps[i].returnTo.includes(e.data.to)) continue;
      out.push({
        title: '环节违规回退',
        explanation: `从「${steps[i]?.name ?? e.data.step}」退回到「${steps[j]?.name ?? e.data.to}」不是本事项流程允许的回退（四川办法第十条第二项第4目）。`,
        eventIds: [e.id],
        data: { from: e.data.step, to: e.data.to },
      });
    }
    return out;
  },
};

/** 四川 §10(二)5: main evidence uploaded before the decision of a penalty (or other listed types). */
export const decisionWithoutEvidence: RuleKind<{ itemTypes: string[] }> = {
  kind: 'decision_without_evidence',
  triggers: ['case.decided'],
  params: z.object({ itemTypes: z.array(z.string().regex(/^\d{2}$/)).min(1).default(['02', '03']) }),
  evaluate({ events, item, params }) {
    if (!params.itemTypes.includes(item.type)) return [];
    return eventsOf(events, 'case.decided').filter((e) => !(e.data.evidence ?? []).length).map((e) => ({
      title: '决定环节未上传主要证据',
      explanation: `${fmtTime(e.at)} 作出决定时没有上传任何主要证据材料（视频、音频、照片、文档）（四川办法第十条第二项第5目）。`,
      eventIds: [e.id],
    }));
  },
};

/** 四川 §10(二)5: evidence frozen at the decision is not changed afterwards. */
export const evidenceChanged: RuleKind<Record<string, never>> = {
  kind: 'evidence_changed',
  triggers: ['evidence.attached', 'case.decided'],
  params: z.object({}) as unknown as z.ZodType<Record<string, never>>,
  evaluate({ events, before }) {
    const out: Finding[] = [];
    const after = eventsOf(events, 'evidence.attached').filter(() => before.decision !== null);
    if (after.length) {
      out.push({
        title: '决定后更改主要证据',
        explanation: `本办件已于 ${fmtTime(new Date(before.decision!.decidedAt))} 作出决定，此后又上传或更换证据材料（四川办法第十条第二项第5目）。`,
        eventIds: after.map((e) => e.id),
      });
    }
    const held = new Set(before.evidence.map((x) => x.hash));
    for (const e of eventsOf(events, 'case.decided')) {
      const cited: string[] = e.data.evidence ?? [];
      const foreign = cited.filter((h) => !held.has(h));
      const dropped = [...held].filter((h) => !cited.includes(h));
      if (!foreign.length && !dropped.length) continue;
      out.push({
        title: '决定所依据的证据与已上传证据不一致',
        explanation: `决定引用的证据与办理中上传的证据不一致（${foreign.length} 份未经上传、${dropped.length} 份未被引用），存在证据缺失或更改（四川办法第十条第二项第5目）。`,
        eventIds: [e.id],
        data: { foreign, dropped },
      });
    }
    return out;
  },
};

/** 四川 §10(二)6, 成都 §10(1): a decision cites its legal basis. */
export const noLegalBasis: RuleKind<ReasonParams> = {
  kind: 'no_legal_basis',
  triggers: ['case.decided'],
  params: ReasonParams,
  evaluate({ events, params }) {
    return eventsOf(events, 'case.decided')
      .filter((e: RuleEvent) => {
        const basis: unknown[] = Array.isArray(e.data.legalBasis) ? e.data.legalBasis : [];
        return !basis.some((b) => !lacksReason(b, params));
      })
      .map((e) => ({
        title: '决定未填写法律依据',
        explanation: `${fmtTime(e.at)} 作出的决定没有准确填写相关法律依据（四川办法第十条第二项第6目，成都办法第十条第一项）。`,
        eventIds: [e.id],
      }));
  },
};

/** 四川 §10(二)8, CASE-8: what is issued or executed matches the decision. */
export const executionInconsistent: RuleKind<Record<string, never>> = {
  kind: 'execution_inconsistent',
  triggers: ['case.completed'],
  params: z.object({}) as unknown as z.ZodType<Record<string, never>>,
  evaluate({ events, before }) {
    const d = before.decision;
    if (!d) return [];
    const out: Finding[] = [];
    for (const e of eventsOf(events, 'case.completed')) {
      const why: string[] = [];
      if (d.outcome === 'deny' && e.data.kind === 'certificate') why.push('决定不予许可，却颁发了证照');
      const executed = e.data.execution?.fine;
      if (d.penalty && executed !== undefined && yuanToFen(String(executed)) !== yuanToFen(d.penalty.fine)) {
        why.push(`处罚决定罚款 ${d.penalty.fine} 元，执行记录为 ${executed} 元`);
      }
      if (!why.length) continue;
      out.push({ title: '执行情况与决定不一致', explanation: `${why.join('；')}（四川办法第十条第二项第8目）。`, eventIds: [e.id] });
    }
    return out;
  },
};
