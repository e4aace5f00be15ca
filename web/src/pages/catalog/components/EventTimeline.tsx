// The item's review record (append-only, SM3 hash-chained events) as a timeline. The links of
// the chain (each prevHash = the previous hash) are checked here for display; the server's
// `sunlight verify` recomputes the hashes.
import { Alert, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { CatalogEvent } from '../model';
import { CHANGE_KIND_LABELS, ITEM_STATUS_LABELS, PART_LABELS, elementLabel } from '../labels';
import type { MetaLookup } from '../useCatalogMeta';
import { formatInstant } from '../../../utils/format';

const COLORS: Record<string, string> = {
  change_submitted: 'blue',
  change_returned: 'orange',
  part_approved: 'green',
  version_published: 'green',
  status_changed: 'purple',
  exemption_revoked: 'gray',
  reported_up: 'cyan',
};

const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const str = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function details(e: CatalogEvent, meta: MetaLookup): { label: string; value: string }[] {
  const d = e.data;
  const out: { label: string; value: string }[] = [];
  const add = (label: string, value: string) => value && out.push({ label, value });
  add('变更申请', d.changeId ? `#${s(d.changeId)}${d.kind ? `（${CHANGE_KIND_LABELS[d.kind as keyof typeof CHANGE_KIND_LABELS] ?? s(d.kind)}）` : ''}` : '');
  add('审核部分', [...str(d.parts), ...(d.part ? [s(d.part)] : [])].map((p) => PART_LABELS[p as 'basic'] ?? p).join('、'));
  add('变更要素', str(d.changedFields).map(elementLabel).join('、'));
  add('拟变更状态', d.newStatus ? ITEM_STATUS_LABELS[d.newStatus as 'active'] ?? s(d.newStatus) : '');
  add('生效日期', s(d.effectiveDate));
  add('理由', s(d.reason));
  add('触发事由', d.triggerKind ? `${meta.name('triggerKinds', s(d.triggerKind))}${d.triggerDate ? `（${s(d.triggerDate)}）` : ''}` : '');
  add('审核意见', s(d.opinion));
  if (e.type === 'version_published') {
    add('版本', `第 ${s(d.versionNo)} 版`);
    add('实施编码', s(d.implCode));
    add('要素哈希', s(d.elementsHash).slice(0, 16));
    add('公开要素问题', str(d.publicityProblems).map((c) => meta.name('publicityCodes', c)).join('、') || '无');
  }
  if (e.type === 'status_changed') {
    add('状态', `${d.from ? ITEM_STATUS_LABELS[d.from as 'active'] : '—'} → ${ITEM_STATUS_LABELS[d.to as 'active'] ?? s(d.to)}`);
  }
  if (e.type === 'exemption_approved') add('审批方', d.side === 'supervision' ? '监察机关' : '保密部门');
  if (e.type === 'exemption_requested') add('定密依据', s(d.secretDoc));
  if (e.type === 'reported_up') {
    add('上报版本', `第 ${s(d.versionNo)} 版`);
    add('上报', `${s(d.from)} → ${s(d.to)}`);
    add('说明', s(d.note));
  }
  return out;
}

export function EventTimeline({ events, meta }: { events: CatalogEvent[]; meta: MetaLookup }) {
  if (!events.length) return <Typography.Text type="secondary">暂无审核记录</Typography.Text>;
  const broken = events.findIndex((e, i) => i > 0 && e.prevHash !== events[i - 1].hash);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="event-timeline">
      {broken < 0 ? (
        <Alert type="success" showIcon title={`共 ${events.length} 条记录，哈希链前后衔接一致`} data-testid="event-chain-ok" />
      ) : (
        <Alert type="error" showIcon title={`第 ${events[broken].seq} 条记录的前序哈希与上一条不符`} />
      )}
      <Timeline
        items={events.map((e) => ({
          key: e.seq,
          color: COLORS[e.type] ?? 'blue',
          title: formatInstant(e.at),
          content: (
            <div data-testid={`event-${e.seq}`} data-type={e.type}>
              <Space wrap>
                <Tag color={COLORS[e.type] ?? 'blue'}>{e.typeName}</Tag>
                <Typography.Text>{e.actorName ?? '系统'}</Typography.Text>
              </Space>
              {details(e, meta).map((d) => (
                <div key={d.label}>
                  <Typography.Text type="secondary">{d.label}：</Typography.Text>
                  {d.value}
                </div>
              ))}
              <Tooltip title={`哈希 ${e.hash}\n前序 ${e.prevHash}`}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  #{e.seq} 哈希 {e.hash.slice(0, 12)}… ← {e.prevHash.slice(0, 12)}…
                </Typography.Text>
              </Tooltip>
            </div>
          ),
        }))}
      />
    </Space>
  );
}
