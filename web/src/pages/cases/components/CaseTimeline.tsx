// The full event stream of a case rendered as an audit trail: seq, time, event, actor, unit,
// post, opinion / reason, attachments (content hash), chain hash.
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import { formatInstant } from '../../../utils/format';
import type { CaseDetail, CaseEvent } from '../model';
import { POST_NAMES } from '../labels';

export const EVENT_NAMES: Record<string, string> = {
  'case.applied': '申报 / 收件', 'case.accepted': '受理', 'case.refused': '不予受理', 'case.supplement_requested': '补正告知',
  'case.materials_supplied': '提交补正材料', 'step.entered': '进入环节', 'step.passed': '环节意见', 'step.returned': '退回',
  'case.suspended': '挂起', 'case.resumed': '恢复', 'special_procedure.started': '启动特别程序', 'special_procedure.result_recorded': '特别程序结果',
  'case.extended': '延期', 'evidence.attached': '上传证据', 'case.decided': '作出决定', 'case.completed': '办结', 'case.delivered': '送达',
  'case.withdrawn': '撤回申请', 'case.terminated': '终止', 'case.merged': '并案', 'clock.started': '计时开始', 'clock.paused': '计时暂停',
  'clock.resumed': '计时恢复', 'clock.extended': '时限延长', 'clock.stopped': '计时停止', 'combined.created': '并联审批立件',
  'combined.status_changed': '并联审批状态',
};

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** Opinion, reason, comment and other facts of an event, in one line each. */
function details(e: CaseEvent, d: CaseDetail): string[] {
  const x = e.data;
  const out: string[] = [];
  if (x.opinion) out.push(`意见：${x.opinion === 'agree' ? '同意' : '不同意'}`);
  if (str(x.comment)) out.push(`说明：${x.comment}`);
  if (str(x.reason)) out.push(`理由：${x.reason}`);
  if (str(x.reasons)) out.push(`理由：${x.reasons}`);
  if (x.outcome) out.push(`结论：${x.outcome === 'grant' ? '准予' : x.outcome === 'deny' ? '不予' : String(x.outcome)}`);
  if (e.type === 'step.entered' || e.type === 'step.passed' || e.type === 'step.returned') {
    const code = str(x.to) ?? str(x.code) ?? str(x.step);
    const step = d.item.steps.find((s) => s.code === code);
    if (step) out.push(`环节：${step.name}`);
  }
  if (e.type.startsWith('clock.')) out.push(`时钟：${String(x.clock ?? '')}${x.ref ? ` ${String(x.ref)}` : ''}`);
  if (Array.isArray(x.items)) out.push(...(x.items as { name: string; problem: string }[]).map((i) => `补正：${i.name}（${i.problem}）`));
  if (Array.isArray(x.legalBasis) && x.legalBasis.length) out.push(`依据：${(x.legalBasis as string[]).join('；')}`);
  if (str(x.feeTotal)) out.push(`收费合计：${x.feeTotal} 元`);
  if (x.auto) out.push('系统逾期视为受理');
  if (str(x.intoCaseNo)) out.push(`并入：${x.intoCaseNo}`);
  if (str(x.number)) out.push(`编号：${x.number}`);
  return out;
}

/** Content hashes of materials, evidence and frozen evidence in the event. */
function hashes(e: CaseEvent): { name: string; hash: string }[] {
  const x = e.data;
  const out: { name: string; hash: string }[] = [];
  for (const key of ['materials', 'files']) {
    const arr = x[key];
    if (Array.isArray(arr)) for (const m of arr as { name?: string; hash?: string | null; fileHash?: string | null }[]) {
      const h = m.hash ?? m.fileHash;
      if (h) out.push({ name: m.name ?? '', hash: h });
    }
  }
  if (Array.isArray(x.evidenceHashes)) for (const h of x.evidenceHashes as string[]) out.push({ name: '证据', hash: h });
  return out;
}

export function CaseTimeline({ detail }: { detail: CaseDetail }) {
  const c = detail.case;
  const unitName = (id: number | null) =>
    id === null ? '—' : id === c.unitId ? c.unitName : id === c.windowUnitId ? '政务服务中心（窗口）' : `单位 #${id}`;
  return (
    <Table<CaseEvent>
      size="small"
      rowKey="seq"
      pagination={false}
      dataSource={detail.events}
      data-testid="case-timeline"
      scroll={{ x: 'max-content' }}
      onRow={(e) => ({ 'data-testid': `case-event-${e.seq}`, 'data-type': e.type, 'data-event-id': e.id } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        {
          title: '#',
          dataIndex: 'seq',
          width: 50,
          render: (seq: number, e) => (
            <Tooltip title={`事件编号 ${e.id}`}>
              <span>{seq}</span>
            </Tooltip>
          ),
        },
        { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatInstant(v) },
        {
          title: '事件',
          dataIndex: 'type',
          render: (t: string) => (t.startsWith('clock.') ? <Tag>{EVENT_NAMES[t] ?? t}</Tag> : <Tag color="blue">{EVENT_NAMES[t] ?? t}</Tag>),
        },
        {
          title: '办理人',
          key: 'actor',
          render: (_, e) => {
            const by = e.data.by as { system?: boolean; postCode?: string | null; unitId?: number | null } | undefined;
            if (by?.system) return <Tag color="purple">系统</Tag>;
            return (
              <Space orientation="vertical" size={0}>
                <span>{e.actorName ?? '—'}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {unitName(e.actorUnitId)} · {by?.postCode ? POST_NAMES[by.postCode] ?? by.postCode : '申请人'}
                </Typography.Text>
              </Space>
            );
          },
        },
        {
          title: '意见 / 理由',
          key: 'details',
          render: (_, e) => (
            <div style={{ maxWidth: 420, whiteSpace: 'pre-wrap' }}>{details(e, detail).join('\n') || '—'}</div>
          ),
        },
        {
          title: '附件摘要',
          key: 'files',
          render: (_, e) => {
            const hs = hashes(e);
            return hs.length ? (
              <Space orientation="vertical" size={0}>
                {hs.map((h, i) => (
                  <Typography.Text key={i} code title={h.hash} style={{ fontSize: 12 }}>
                    {h.name ? `${h.name} ` : ''}{h.hash.slice(0, 12)}…
                  </Typography.Text>
                ))}
              </Space>
            ) : '—';
          },
        },
        { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
        {
          title: '链哈希（SM3）',
          dataIndex: 'hash',
          render: (h: string, e) => (
            <Typography.Text code title={`${h}\n前一哈希 ${e.prevHash}`} style={{ fontSize: 12 }}>
              {h.slice(0, 12)}…
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
