// 成都 §10 违规 (SUP-4) detectable from data: a red 纠错 signal to the responsible unit.
import { z } from 'zod';
import { isOverdue } from '../../domain/clock.ts';
import { CIRCUMSTANCES, SPECIAL_PROCEDURES, type SpecialProcedureKind } from '../../domain/item.ts';
import { yuanToFen } from '../../domain/case-machine.ts';
import { eventsOf, fmtTime } from './common.ts';
import type { Finding, RuleKind } from './types.ts';

const ITEM_STATUS_NAMES = { active: '在用', paused: '暂停', cancelled: '取消' } as const;

/** 成都 §10(1) (CAT-2): a case on an item that is cancelled (or paused) on the application date. */
export const caseOnInactiveItem: RuleKind<{ statuses: ('paused' | 'cancelled')[] }> = {
  kind: 'case_on_inactive_item',
  triggers: ['case.applied'],
  needs: ['itemStatus'],
  params: z.object({ statuses: z.array(z.enum(['paused', 'cancelled'])).min(1).default(['cancelled', 'paused']) }),
  evaluate({ events, facts, item, params }) {
    const s = facts.itemStatus;
    if (!s || s === 'active' || !params.statuses.includes(s)) return [];
    return eventsOf(events, 'case.applied').map((e) => ({
      title: `继续实施已${ITEM_STATUS_NAMES[s]}的事项`,
      explanation: `事项「${item.name}」在 ${fmtTime(e.at)} 已处于「${ITEM_STATUS_NAMES[s]}」状态，仍受理了新的办件（成都办法第十条第一项）。`,
      eventIds: [e.id],
      data: { itemStatus: s },
    }));
  },
};

/** 成都 §10(6): not decided within the promised limit (and, worse, the legal limit, 行政许可法 §42). */
export const decidedLate: RuleKind<{ includeLegal: boolean }> = {
  kind: 'decided_late',
  triggers: ['case.decided'],
  params: z.object({ includeLegal: z.boolean().default(true) }),
  evaluate({ events, before, calendar, params }) {
    const out: Finding[] = [];
    for (const e of eventsOf(events, 'case.decided')) {
      const codes = new Set<string>((e.data.violations ?? []).map((v: { code: string }) => v.code));
      const p = before.clocks.case_promised;
      const l = before.clocks.case_legal;
      const promised = codes.has('DECIDED_AFTER_PROMISED_LIMIT') || (!!p && isOverdue(p, calendar, e.at));
      const legal = codes.has('DECIDED_AFTER_LEGAL_LIMIT') || (!!l && isOverdue(l, calendar, e.at));
      if (!promised && !(params.includeLegal && legal)) continue;
      out.push({
        title: legal ? '超过法定期限作出决定' : '超过承诺期限作出决定',
        explanation: `本办件于 ${fmtTime(e.at)} 作出决定，已超过${legal ? '法定期限（行政许可法第四十二条）' : '承诺期限'}（成都办法第十条第六项）。`,
        eventIds: [e.id],
        data: { promised, legal },
      });
    }
    return out;
  },
};

/** 成都 §10(11): fees not matching the item's standard (the machine records them on case.decided). */
export const feeNotStandard: RuleKind<Record<string, never>> = {
  kind: 'fee_not_standard',
  triggers: ['case.decided'],
  params: z.object({}) as unknown as z.ZodType<Record<string, never>>,
  evaluate({ events, item }) {
    const out: Finding[] = [];
    for (const e of eventsOf(events, 'case.decided')) {
      const fee = (e.data.violations ?? []).filter((v: { code: string }) => v.code.startsWith('FEE_'));
      const freeCharged = item.free && (yuanToFen(e.data.feeTotal) ?? 0) > 0 && !fee.length;
      if (!fee.length && !freeCharged) continue;
      const msgs: string[] = fee.map((v: { message: string }) => v.message);
      if (freeCharged) msgs.push(`本事项不收费，却收取 ${e.data.feeTotal} 元`);
      out.push({
        title: '不按法定项目和标准收费',
        explanation: `${msgs.join('；')}（成都办法第十条第十一项）。`,
        eventIds: [e.id],
        data: { violations: fee.map((v: { code: string }) => v.code), feeTotal: e.data.feeTotal },
      });
    }
    return out;
  },
};

/** 四川 §10(二)7, CASE-7: the fine must sit inside the discretion band of the chosen circumstance. */
export const penaltyOutOfBand: RuleKind<Record<string, never>> = {
  kind: 'penalty_out_of_band',
  triggers: ['case.decided'],
  params: z.object({}) as unknown as z.ZodType<Record<string, never>>,
  evaluate({ events, item }) {
    const out: Finding[] = [];
    for (const e of eventsOf(events, 'case.decided')) {
      const p = e.data.penalty;
      if (!p) continue;
      const band = item.discretion.find((b) => b.circumstance === p.circumstance);
      const fine = yuanToFen(p.fine);
      let why: string | null = null;
      if (!band) why = `所选情节「${CIRCUMSTANCES[p.circumstance as keyof typeof CIRCUMSTANCES] ?? p.circumstance}」不在本事项裁量基准内`;
      else if (fine === null) why = `罚款金额「${p.fine}」无效`;
      else {
        const none = band.minFine === null && band.maxFine === null;
        const lo = band.minFine === null ? 0 : yuanToFen(band.minFine) ?? 0;
        const hi = band.maxFine === null ? Number.MAX_SAFE_INTEGER : yuanToFen(band.maxFine) ?? Number.MAX_SAFE_INTEGER;
        if (none ? fine !== 0 : fine < lo || fine > hi) why = `罚款 ${p.fine} 元超出「${band.description}」情节的裁量幅度（${band.minFine ?? '—'}–${band.maxFine ?? '—'} 元）`;
      }
      if (why) out.push({ title: '处罚超出裁量基准', explanation: `${why}（四川办法第十条第二项第7目）。`, eventIds: [e.id], data: { fine: p.fine, circumstance: p.circumstance } });
    }
    return out;
  },
};

/** 成都 §10(7)(8)(9): a decision that must follow a hearing, tender, exam or inspection without (or against) that result. */
export const specialResultIgnored: RuleKind<{ checkFailedGrant: boolean }> = {
  kind: 'special_result_ignored',
  triggers: ['case.decided'],
  params: z.object({ checkFailedGrant: z.boolean().default(true) }),
  evaluate({ events, item, before, params }) {
    const out: Finding[] = [];
    const name = (k: string) => SPECIAL_PROCEDURES[k as SpecialProcedureKind] ?? k;
    for (const e of eventsOf(events, 'case.decided')) {
      const recorded = new Set<string>(e.data.specialResults ?? []);
      const missing = item.requiresResultOf.filter((k) => !recorded.has(k));
      const failed = params.checkFailedGrant && e.data.outcome === 'grant'
        ? before.specialResults.filter((r) => item.requiresResultOf.includes(r.kind) && r.outcome === 'failed')
        : [];
      if (!missing.length && !failed.length) continue;
      const parts: string[] = [];
      if (missing.length) parts.push(`未经${missing.map((k) => `「${name(k)}」`).join('、')}即作出决定`);
      if (failed.length) parts.push(`${failed.map((r) => `「${name(r.kind)}」`).join('、')}结果为不合格，仍作出准予决定`);
      out.push({
        title: '未根据听证、招标拍卖、考试或检验检测结果作出决定',
        explanation: `${parts.join('；')}（成都办法第十条第七至九项）。`,
        eventIds: [e.id],
        data: { missing, failed: failed.map((r) => r.kind) },
      });
    }
    return out;
  },
};

/** 成都 §10(10): an approval already decided or issued is changed afterwards. */
export const approvalChanged: RuleKind<Record<string, never>> = {
  kind: 'approval_changed',
  triggers: ['case.decided', 'case.completed', 'case.refused', 'case.terminated', 'case.withdrawn', 'step.entered'],
  params: z.object({}) as unknown as z.ZodType<Record<string, never>>,
  evaluate({ events, before }) {
    const hits = events.filter((e) =>
      (before.decision && e.type === 'case.decided') ||
      (before.result && e.type === 'case.completed') ||
      (before.decision && ['case.refused', 'case.terminated', 'case.withdrawn', 'step.entered'].includes(e.type)));
    if (!hits.length) return [];
    return [{
      title: '擅自改变已经作出的行政审批',
      explanation: `本办件已于 ${fmtTime(new Date(before.decision!.decidedAt))} 作出决定${before.result ? `并办结（${before.result.number}）` : ''}，此后又记录了「${[...new Set(hits.map((e) => e.type))].join('、')}」（成都办法第十条第十项）。`,
      eventIds: hits.map((e) => e.id),
    }];
  },
};
