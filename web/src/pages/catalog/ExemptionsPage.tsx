// 免于监察 (CAT-7): secret items' exemptions from supervision. Granted only after both the
// supervision bureau (监察) and the secrecy bureau (保密) approve; 监察 may revoke.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Form, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { FilterBar } from '../../components/FilterBar';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { ReasonModal } from '../../components/ReasonModal';
import { useFeedback } from '../../hooks/useFeedback';
import { useKeysetList } from '../../hooks/useKeysetList';
import { formatInstant } from '../../utils/format';
import type { Exemption } from './model';
import { EXEMPTION_STATE_LABELS } from './labels';

interface Filters {
  state?: string;
}
type Act = { x: Exemption; kind: 'supervision' | 'secrecy' | 'revoke' } | null;

const STATE_OPTIONS = Object.entries(EXEMPTION_STATE_LABELS).map(([value, s]) => ({ value, label: s.label }));

function Approval({ at, opinion }: { at: string | null; opinion: string | null }) {
  if (!at) return <Tag>待审批</Tag>;
  return (
    <div>
      <Tag color="green">已同意</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatInstant(at)}
      </Typography.Text>
      {opinion && <div>{opinion}</div>}
    </div>
  );
}

export default function ExemptionsPage() {
  const { can } = useAuth();
  const feedback = useFeedback();
  const [filters, setFilters] = useState<Filters>({});
  const list = useKeysetList<Exemption>('/api/catalog/exemptions', { ...filters });
  const [act, setAct] = useState<Act>(null);
  const canSupervise = can('catalog.exempt.supervision');
  const canSecrecy = can('catalog.exempt.secrecy');

  const run = async (text: string) => {
    if (!act) return;
    const { x, kind } = act;
    const saved =
      kind === 'revoke'
        ? await api.post<Exemption>(`/api/catalog/exemptions/${x.id}/revoke`, { reason: text })
        : await api.post<Exemption>(`/api/catalog/exemptions/${x.id}/approve-${kind}`, { opinion: text });
    feedback.success(kind === 'revoke' ? '已撤销免于监察' : saved.state === 'granted' ? '双方均已同意，免于监察生效' : '已同意，待另一方审批');
    list.replace((r) => r.id === x.id, saved);
    setAct(null);
  };

  const columns: TableColumnsType<Exemption> = [
    {
      title: '事项',
      dataIndex: 'itemName',
      render: (name: string, x) => (
        <div>
          <Link to={`/catalog/items/${x.itemId}`}>{name}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {x.implCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '实施主体', dataIndex: 'unitName' },
    { title: '定密依据', dataIndex: 'secretDoc' },
    { title: '申请理由', dataIndex: 'reason' },
    { title: '申请时间', dataIndex: 'requestedAt', width: 170, render: formatInstant },
    { title: '监察机关', key: 'sup', render: (_, x) => <Approval at={x.supervisionAt} opinion={x.supervisionOpinion} /> },
    { title: '保密部门', key: 'sec', render: (_, x) => <Approval at={x.secrecyAt} opinion={x.secrecyOpinion} /> },
    {
      title: '状态',
      dataIndex: 'state',
      width: 110,
      render: (s: Exemption['state'], x) => (
        <div>
          <Tag color={EXEMPTION_STATE_LABELS[s].color} data-testid={`exemption-state-${x.id}`}>
            {EXEMPTION_STATE_LABELS[s].label}
          </Tag>
          {x.revokeReason && <div style={{ fontSize: 12 }}>{x.revokeReason}</div>}
        </div>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 150,
      render: (_, x) => (
        <Space size="small" wrap>
          {x.state === 'pending' && canSupervise && !x.supervisionAt && (
            <a onClick={() => setAct({ x, kind: 'supervision' })} data-testid={`exemption-approve-supervision-${x.id}`}>
              监察审批
            </a>
          )}
          {x.state === 'pending' && canSecrecy && !x.secrecyAt && (
            <a onClick={() => setAct({ x, kind: 'secrecy' })} data-testid={`exemption-approve-secrecy-${x.id}`}>
              保密审批
            </a>
          )}
          {x.state !== 'revoked' && canSupervise && (
            <a style={{ color: '#cf1322' }} onClick={() => setAct({ x, kind: 'revoke' })} data-testid={`exemption-revoke-${x.id}`}>
              撤销
            </a>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard title="涉密事项免于监察">
      <FilterBar<Filters> initialValues={{}} onSearch={setFilters}>
        <Form.Item name="state">
          <Select allowClear placeholder="状态" style={{ width: 140 }} options={STATE_OPTIONS} data-testid="exemption-filter-state" />
        </Form.Item>
      </FilterBar>
      <LoadMoreTable<Exemption> rowKey="id" columns={columns} list={list} data-testid="exemption-table" />
      <ReasonModal
        open={!!act}
        title={act?.kind === 'revoke' ? '撤销免于监察' : act?.kind === 'secrecy' ? '保密部门审批' : '监察机关审批'}
        subject={
          act
            ? act.kind === 'revoke'
              ? `撤销后“${act.x.itemName}”恢复接受电子监察。`
              : `同意“${act.x.itemName}”（定密依据：${act.x.secretDoc}）免于电子监察；须监察机关和保密部门均同意方生效。`
            : undefined
        }
        label={act?.kind === 'revoke' ? '撤销原因' : '审批意见'}
        okText={act?.kind === 'revoke' ? '撤销' : '同意'}
        danger={act?.kind === 'revoke'}
        maxLength={1000}
        onCancel={() => setAct(null)}
        onSubmit={run}
      />
    </PageCard>
  );
}
