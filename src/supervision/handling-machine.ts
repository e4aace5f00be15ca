// Signal handling (SUP-6, 四川 §8; SUP-8 再监察) as one readable table, like the case machine:
// state → act → next state. An act missing from a state's row is refused with WRONG_STATE.
// Nothing is deleted: a wrong signal is revoked by a finding (不成立), with reason and actor.

export const SIGNAL_STATUSES = {
  raised: '待说明',
  explained: '已说明',
  investigating: '调查中',
  materials_requested: '待补充材料',
  valid: '认定成立',
  rectifying: '整改中',
  rectified: '已报整改',
  verified: '整改通过',
  revoked: '认定不成立（已撤销）',
  closed: '已办结',
} as const;
export type SignalStatus = keyof typeof SIGNAL_STATUSES;

export const SIGNAL_ACTS = {
  explain: '说明/申诉（被监察单位）',
  investigate: '立案调查',
  demand_materials: '要求提供材料',
  provide_materials: '提供材料（被监察单位）',
  find: '认定（成立/不成立）',
  order_rectification: '责令整改',
  report_rectification: '报告整改情况（被监察单位）',
  verify: '整改验收（通过/不通过）',
  propose_accountability: '提出责任追究建议',
  escalate: '转督查督办',
  close: '办结',
  reopen: '再监察（上级重新启动）',
} as const;
export type SignalAct = keyof typeof SIGNAL_ACTS;

/** Who gives an act: the responsible unit (supervision.explain) or the supervisor (supervision.handle). */
export const ACT_PERMISSION: Record<SignalAct, 'supervision.explain' | 'supervision.handle'> = {
  explain: 'supervision.explain',
  provide_materials: 'supervision.explain',
  report_rectification: 'supervision.explain',
  investigate: 'supervision.handle',
  demand_materials: 'supervision.handle',
  find: 'supervision.handle',
  order_rectification: 'supervision.handle',
  verify: 'supervision.handle',
  propose_accountability: 'supervision.handle',
  escalate: 'supervision.handle',
  close: 'supervision.handle',
  reopen: 'supervision.handle',
};

// `find` and `verify` have two outcomes; the table names the outcome-specific act.
export type MachineAct = Exclude<SignalAct, 'find' | 'verify'> | 'find_valid' | 'find_invalid' | 'verify_pass' | 'verify_fail';

export const SIGNAL_TRANSITIONS = {
  raised: {
    explain: 'explained', //                四川§8(一): the unit explains or appeals within the response time
    investigate: 'investigating',
    demand_materials: 'materials_requested', // 四川§8(二)
    find_valid: 'valid', //                 认定成立
    find_invalid: 'revoked', //             认定不成立: the signal is revoked, nothing deleted
    escalate: 'raised', //                  a red signal becomes a 督查督办 task (SUP-7)
  },
  explained: {
    explain: 'explained', //                a supplementary explanation
    investigate: 'investigating',
    demand_materials: 'materials_requested',
    find_valid: 'valid',
    find_invalid: 'revoked',
    escalate: 'explained',
  },
  investigating: {
    explain: 'investigating',
    demand_materials: 'materials_requested',
    find_valid: 'valid',
    find_invalid: 'revoked',
    escalate: 'investigating',
  },
  materials_requested: {
    provide_materials: 'investigating',
    demand_materials: 'materials_requested',
    find_valid: 'valid',
    find_invalid: 'revoked',
    escalate: 'materials_requested',
  },
  valid: {
    order_rectification: 'rectifying', //   四川§8(三): 责令履行职责 — rectification with a deadline clock
    propose_accountability: 'valid', //     四川§8(四): 责任追究建议
    escalate: 'valid',
    close: 'closed',
  },
  rectifying: {
    report_rectification: 'rectified',
    propose_accountability: 'rectifying',
    escalate: 'rectifying',
  },
  rectified: {
    verify_pass: 'verified',
    verify_fail: 'rectifying', //           整改不通过: a new rectification deadline
    propose_accountability: 'rectified',
  },
  verified: {
    propose_accountability: 'verified',
    close: 'closed',
  },
  revoked: {
    reopen: 'investigating', //             再监察 of a revoked signal (SUP-8)
  },
  closed: {
    reopen: 'investigating', //             再监察: an upper level reopens with reasons and reassigns
  },
} as const satisfies Record<SignalStatus, Partial<Record<MachineAct, SignalStatus>>>;

/** States in which the signal counts as open in the rollups. */
export const isOpenStatus = (s: string) => s !== 'closed' && s !== 'revoked';

export function signalTransition(status: string, act: MachineAct): SignalStatus | null {
  const row = (SIGNAL_TRANSITIONS as Record<string, Partial<Record<MachineAct, SignalStatus>>>)[status];
  return row?.[act] ?? null;
}

/** The acts the table allows in `status` (for the console's buttons), outcome acts folded back. */
export function allowedSignalActs(status: string): SignalAct[] {
  const row = (SIGNAL_TRANSITIONS as Record<string, Partial<Record<MachineAct, SignalStatus>>>)[status] ?? {};
  const acts = new Set<SignalAct>();
  for (const k of Object.keys(row) as MachineAct[]) acts.add(k.startsWith('find_') ? 'find' : k.startsWith('verify_') ? 'verify' : (k as SignalAct));
  return [...acts];
}

// ───────────────────────── supervision tasks 督查督办 (SUP-7, 四川 §9) ─────────────────────────

export const TASK_STATUSES = {
  draft: '草拟',
  pending_approval: '待批准交办',
  dispatched: '已交办（办理中）',
  extension_requested: '延期申请中',
  reported: '已上报',
  returned: '退回补充办理',
  closed: '已办结',
} as const;
export type TaskStatus = keyof typeof TASK_STATUSES;

export type TaskAct = 'submit' | 'approve_dispatch' | 'reject_dispatch' | 'request_extension' | 'approve_extension' | 'reject_extension'
  | 'remind' | 'report' | 'return' | 'close';

export const TASK_PERMISSION: Record<TaskAct, string> = {
  submit: 'supervision.handle',
  approve_dispatch: 'supervision.task.approve',
  reject_dispatch: 'supervision.task.approve',
  request_extension: 'supervision.explain',
  approve_extension: 'supervision.task.approve',
  reject_extension: 'supervision.task.approve',
  remind: 'supervision.handle',
  report: 'supervision.explain',
  return: 'supervision.handle',
  close: 'supervision.handle',
};

export const TASK_TRANSITIONS = {
  draft: { submit: 'pending_approval' },
  pending_approval: { approve_dispatch: 'dispatched', reject_dispatch: 'draft' },
  dispatched: { request_extension: 'extension_requested', remind: 'dispatched', report: 'reported' },
  extension_requested: { approve_extension: 'dispatched', reject_extension: 'dispatched', remind: 'extension_requested', report: 'reported' },
  reported: { return: 'returned', close: 'closed' },
  returned: { remind: 'returned', report: 'reported' },
  closed: {},
} as const satisfies Record<TaskStatus, Partial<Record<TaskAct, TaskStatus>>>;

export function taskTransition(status: string, act: TaskAct): TaskStatus | null {
  const row = (TASK_TRANSITIONS as Record<string, Partial<Record<TaskAct, TaskStatus>>>)[status];
  return row?.[act] ?? null;
}
