// Chinese names of supervision codes (levels, states, categories, acts, chain events).
import type { Level } from './model';

export const LEVELS: Record<Level, { label: string; color: string; chart: string }> = {
  reminder: { label: '提醒', color: 'blue', chart: '#1677ff' },
  yellow: { label: '黄灯', color: 'gold', chart: '#faad14' },
  red: { label: '红灯', color: 'red', chart: '#f5222d' },
};
export const LEVEL_ORDER: Level[] = ['reminder', 'yellow', 'red'];

export const SIGNAL_STATUSES: Record<string, string> = {
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
};

export const CATEGORIES: Record<string, string> = {
  timeliness: '时效监察',
  anomaly: '异常监察',
  violation: '违规纠错',
  publicity: '公开监察',
  exchange: '数据交换',
};

export const ORIGINS: Record<string, string> = {
  timer: '时限预警',
  clock: '时限预警',
  rule: '规则触发',
  scan: '定期扫描',
  manual: '人工发出',
};

export const CLOCK_KINDS: Record<string, string> = {
  acceptance: '受理时限',
  promised: '承诺时限',
  legal: '法定时限',
  step: '环节时限',
  supplement: '补正时限',
  special: '特别程序时限',
  signal_response: '说明时限',
  rectification: '整改时限',
  supervision_task: '督办时限',
  catalog_review: '事项审核时限',
};

export const SIGNAL_ACTS: Record<string, string> = {
  explain: '说明/申诉',
  investigate: '调查',
  demand_materials: '要求补充材料',
  provide_materials: '提供材料',
  find: '认定',
  order_rectification: '责令整改',
  report_rectification: '报告整改',
  verify: '整改验收',
  propose_accountability: '责任追究建议',
  escalate: '转督查督办',
  close: '办结',
  reopen: '再监察',
};

/** Who may give an act (mirrors ACT_PERMISSION in src/supervision/handling-machine.ts). */
export const ACT_PERMISSION: Record<string, string> = {
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

export const SIGNAL_EVENTS: Record<string, string> = {
  'signal.raised': '发出信号',
  'signal.explained': '单位说明',
  'signal.appealed': '单位申诉',
  'signal.investigate': '立案调查',
  'signal.demand_materials': '要求提供材料',
  'signal.provide_materials': '提供材料',
  'signal.found_valid': '认定成立',
  'signal.revoked': '认定不成立（撤销）',
  'signal.order_rectification': '责令整改',
  'signal.report_rectification': '报告整改情况',
  'signal.rectification_passed': '整改验收通过',
  'signal.rectification_failed': '整改验收不通过',
  'signal.propose_accountability': '责任追究建议',
  'signal.escalated': '转督查督办',
  'signal.close': '办结',
  'signal.reopen': '再监察',
  'signal.notified': '已通知',
};

export const DOCUMENT_KINDS: Record<string, string> = {
  supervision_notice: '督办通知书',
  supervision_proposal: '监察建议书',
  rectification_notice: '整改通知书',
  task_notice: '督查督办通知书',
};

export const TASK_STATUSES: Record<string, string> = {
  draft: '草拟',
  pending_approval: '待批准交办',
  dispatched: '已交办（办理中）',
  extension_requested: '延期申请中',
  reported: '已上报',
  returned: '退回补充办理',
  closed: '已办结',
};

export const TASK_EVENTS: Record<string, string> = {
  'task.drafted': '起草',
  'task.submitted': '提交批准',
  'task.dispatched': '批准交办',
  'task.dispatch_rejected': '不批准交办',
  'task.extension_requested': '申请延期',
  'task.extended': '批准延期',
  'task.extension_rejected': '不批准延期',
  'task.reminded': '催办',
  'task.reported': '上报办理情况',
  'task.returned': '退回补充办理',
  'task.closed': '办结',
};

export const SEVERITIES: Record<string, string> = { low: '低', medium: '中', high: '高', reminder: '提醒', yellow: '黄灯', red: '红灯' };
export const REGION_LEVELS: Record<string, string> = { province: '省级', city: '市级', district: '区县级', county: '区县级', town: '乡镇级', township: '乡镇级', street: '街道' };

export const LEDGER_KINDS: Record<string, { label: string; color: string }> = {
  signal: { label: '监察信号', color: 'red' },
  task: { label: '督查督办', color: 'blue' },
  sampling: { label: '抽样监察', color: 'purple' },
  patrol: { label: '巡查发现', color: 'cyan' },
};

export const SAMPLING_RESULTS: Record<string, string> = { ok: '未发现问题', problem: '发现问题' };
export const PATROL_MODES: Record<string, string> = { data: '数据巡查', video: '视频巡查' };
export const PATROL_TARGETS: Record<string, string> = { own: '本级平台', lower: '下级平台' };

export const APPROVAL_KINDS: Record<string, string> = {
  'ledger.export': '监察台账导出',
  'task.dispatch': '督查督办交办',
  'task.extension': '督查督办延期',
};
export const APPROVAL_STATUSES: Record<string, { label: string; color: string }> = {
  pending: { label: '待审批', color: 'gold' },
  approved: { label: '已批准', color: 'green' },
  rejected: { label: '不批准', color: 'red' },
  used: { label: '已使用', color: 'default' },
  withdrawn: { label: '已撤回', color: 'default' },
};
export const APPROVAL_EVENTS: Record<string, string> = {
  'approval.requested': '提出申请',
  'approval.approved': '批准',
  'approval.rejected': '不批准',
  'approval.withdrawn': '撤回',
  'approval.used': '已使用（下载）',
};

/** Case states (mirrors CASE_STATUSES in src/domain/case-machine.ts), for sampling criteria. */
export const CASE_STATUSES: Record<string, string> = {
  submitted: '已申报',
  supplement_requested: '待补正',
  in_process: '办理中',
  processing_supplement: '办理中补正',
  suspended: '挂起',
  special_procedure: '特别程序中',
  decided: '已决定',
  completed: '办结',
  delivered: '已送达',
  refused: '不予受理',
  withdrawn: '已撤回',
  terminated: '已终止',
  merged: '已并案',
};

export const label = (map: Record<string, string>, code: string | null | undefined) => (code ? (map[code] ?? code) : '—');
