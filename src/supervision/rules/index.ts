// The rule library: implementations by kind, and the rules shipped as data (SUP-5).
import type { z } from 'zod';
import * as anomalies from './anomalies.ts';
import * as violations from './violations.ts';
import * as sichuan from './sichuan.ts';
import { PUBLICITY_KIND, PublicityParams } from './publicity.ts';
import { ALL_LEVELS, type RuleDefinition, type RuleKind } from './types.ts';

export const RULE_KINDS: Record<string, RuleKind> = Object.fromEntries(
  [...Object.values(anomalies), ...Object.values(violations), ...Object.values(sichuan)].map((k) => [k.kind, k as RuleKind]),
);

/** Parameter schema of a kind (the publicity scan is not event-driven but is a rule too). */
export function paramsSchema(kind: string): z.ZodType<any> | null {
  if (kind === PUBLICITY_KIND) return PublicityParams;
  return RULE_KINDS[kind]?.params ?? null;
}

/** Validates and completes parameters with the kind's defaults; returns an error text or the params. */
export function parseParams(kind: string, params: unknown): { ok: true; params: Record<string, unknown> } | { ok: false; message: string } {
  const s = paramsSchema(kind);
  if (!s) return { ok: false, message: `未知的规则类型 ${kind}` };
  const r = s.safeParse(params ?? {});
  if (!r.success) return { ok: false, message: r.error.issues.map((i) => `${i.path.join('.') || '参数'}：${i.message}`).join('；') };
  return { ok: true, params: r.data as Record<string, unknown> };
}

const reason = (code: string, name: string, basis: string, eventType: string, field: string, label: string, outcome?: string): RuleDefinition => ({
  code, kind: 'reason_missing', name, category: 'anomaly', severity: 'red', basis, enabledLevels: ALL_LEVELS,
  params: { eventType, field, label, ...(outcome ? { outcome } : {}) },
});

export const SHIPPED_RULES: RuleDefinition[] = [
  { code: 'PUBLICITY_INCOMPLETE', kind: PUBLICITY_KIND, name: '公开异常', category: 'publicity', severity: 'red', basis: '成都§9(1)；四川§10(一)2', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'SUPPLEMENT_REPEATED', kind: 'supplement_repeated', name: '咨询异常（多次补正）', category: 'anomaly', severity: 'red', basis: '成都§9(2)', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'SUPPLEMENT_NOT_AT_ONCE', kind: 'supplement_not_at_once', name: '咨询异常（未一次性告知）', category: 'anomaly', severity: 'red', basis: '成都§9(2)；行政许可法§32(4)', params: {}, enabledLevels: ALL_LEVELS },
  reason('REFUSE_WITHOUT_REASON', '不受理异常', '成都§9(3)', 'case.refused', 'reason', '不受理异常'),
  reason('DENY_WITHOUT_REASON', '不许可异常', '成都§9(4)', 'case.decided', 'reasons', '不许可异常', 'deny'),
  reason('SUSPEND_WITHOUT_REASON', '暂停异常', '成都§9(5)', 'case.suspended', 'reason', '暂停异常'),
  reason('TERMINATE_WITHOUT_REASON', '终止异常', '成都§9(6)', 'case.terminated', 'reason', '终止异常'),
  { code: 'BACKFILLED_ENTRY', kind: 'backfilled_entry', name: '事后补录', category: 'anomaly', severity: 'red', basis: '成都§9(8)；DX-1', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'INCONSISTENT_DATA', kind: 'inconsistent_data', name: '虚假报送（数据矛盾）', category: 'anomaly', severity: 'red', basis: '成都§9(8)', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'CASE_ON_INACTIVE_ITEM', kind: 'case_on_inactive_item', name: '继续实施已取消或暂停的事项', category: 'violation', severity: 'red', basis: '成都§10(1)；CAT-2', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'DECIDED_LATE', kind: 'decided_late', name: '超过承诺期限作出决定', category: 'violation', severity: 'red', basis: '成都§10(6)', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'FEE_NOT_STANDARD', kind: 'fee_not_standard', name: '不按标准收费', category: 'violation', severity: 'red', basis: '成都§10(11)', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'PENALTY_OUT_OF_BAND', kind: 'penalty_out_of_band', name: '处罚超出裁量基准', category: 'violation', severity: 'red', basis: '四川§10(二)7', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'SPECIAL_RESULT_IGNORED', kind: 'special_result_ignored', name: '未依据听证或检验检测结果决定', category: 'violation', severity: 'red', basis: '成都§10(7)(8)(9)', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'APPROVAL_CHANGED', kind: 'approval_changed', name: '擅自改变已作出的审批', category: 'violation', severity: 'red', basis: '成都§10(10)', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'STEP_WITHOUT_POST', kind: 'step_without_post', name: '办理人员不具备岗位资格', category: 'violation', severity: 'red', basis: '四川§10(二)2', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'ILLEGAL_RETURN', kind: 'illegal_return', name: '环节违规回退', category: 'violation', severity: 'red', basis: '四川§10(二)4', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'DECISION_WITHOUT_EVIDENCE', kind: 'decision_without_evidence', name: '决定未上传主要证据', category: 'violation', severity: 'red', basis: '四川§10(二)5', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'EVIDENCE_CHANGED', kind: 'evidence_changed', name: '决定后更改证据', category: 'violation', severity: 'red', basis: '四川§10(二)5', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'NO_LEGAL_BASIS', kind: 'no_legal_basis', name: '决定未填写法律依据', category: 'violation', severity: 'red', basis: '四川§10(二)6；成都§10(1)', params: {}, enabledLevels: ALL_LEVELS },
  { code: 'EXECUTION_INCONSISTENT', kind: 'execution_inconsistent', name: '执行情况与决定不一致', category: 'violation', severity: 'red', basis: '四川§10(二)8', params: {}, enabledLevels: ALL_LEVELS },
];

/**
 * 成都 §10: the twelve kinds of violation a supervisor can raise directly (SUP-4).
 */
export const CHENGDU_VIOLATIONS: Record<string, string> = {
  'chengdu10.1': '无法定依据实施行政审批或继续实施已取消的审批事项',
  'chengdu10.2': '擅自取消或者停止实施法定行政审批事项',
  'chengdu10.3': '擅自更改规定的行政审批程序或条件',
  'chengdu10.4': '对符合法定条件的审批事项不予审批',
  'chengdu10.5': '对不符合法定条件的事项作出准予决定或超越法定职权作出准予决定',
  'chengdu10.6': '对符合法定条件的申请不在承诺期限内作出准予决定',
  'chengdu10.7': '应当根据听证结果作出决定而不根据听证结果作出决定',
  'chengdu10.8': '应当根据招标拍卖挂牌结果或考试成绩择优决定而未经招标拍卖挂牌或考试，或不根据其结果决定',
  'chengdu10.9': '应当根据检验、检测、检疫结果决定而未经检验检测检疫，或不根据其结果决定',
  'chengdu10.10': '擅自改变已经生效的行政审批',
  'chengdu10.11': '不按照法定项目和标准收费或者违法收取抵押金、保证金',
  'chengdu10.12': '其他违规审批、情节严重的情形',
  'chengdu9.9': '其他违规审批、情节轻微的情形',
};
