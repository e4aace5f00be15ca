// 抽查 (抽样监察, SUP-9): draw N cases at random by criteria (unit, item, received dates, status;
// the same seed over the same candidates draws the same cases), and the list of samplings.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { RemoteSelect } from '../../components/RemoteSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { useFeedback } from '../../hooks/useFeedback';
import { useKeysetList } from '../../hooks/useKeysetList';
import type { Page } from '../../types';
import { formatInstant, validValues } from '../../utils/format';
import { CASE_STATUSES, label } from './labels';
import type { Sampling } from './model';

interface Values {
  n: number;
  unitId?: number;
  itemId?: number;
  status?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
  seed?: string;
  note?: string;
}

async function searchItems(q: string) {
  const r = await api.get<Page<{ id: number; name: string; unitName: string }>>('/api/catalog/items', { q: q || undefined, limit: 50 });
  return r.items.map((i) => ({ value: i.id, label: `${i.name}（${i.unitName}）` }));
}

/** The criteria of a sampling in words. */
export function describeCriteria(s: Sampling, names: { unit?: string; item?: string } = {}): string {
  const c = s.criteria;
  const parts = [`抽取 ${s.requested} 件`];
  if (c.unitId) parts.push(`单位：${names.unit ?? `#${c.unitId}`}`);
  if (c.itemId) parts.push(`事项：${names.item ?? `#${c.itemId}`}`);
  if (c.status) parts.push(`状态：${label(CASE_STATUSES, c.status)}`);
  if (c.from || c.to) parts.push(`收件日期：${c.from ?? '…'} 至 ${c.to ?? '…'}`);
  parts.push(`候选 ${c.candidates} 件`);
  return parts.join('；');
}

export default function SamplingsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const list = useKeysetList<Sampling>('/api/supervision/samplings');
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();

  const create = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const r = await api.post<{ sampling: Sampling }>('/api/supervision/samplings', {
        n: v.n,
        unitId: v.unitId ?? null,
        itemId: v.itemId ?? null,
        status: v.status ?? null,
        from: v.dates?.[0]?.format('YYYY-MM-DD') ?? null,
        to: v.dates?.[1]?.format('YYYY-MM-DD') ?? null,
        seed: v.seed?.trim() || null,
        note: v.note?.trim() || null,
      });
      feedback.success(`已抽取 ${r.sampling.caseIds.length} 件办件`);
      setCreating(false);
      navigate(`/supervision/samplings/${r.sampling.id}`);
    } catch (e) {
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageCard
      title="抽查（抽样监察）"
      extra={
        can('supervision.handle') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="sampling-create">
            新建抽查
          </Button>
        )
      }
    >
      <LoadMoreTable<Sampling>
        rowKey="id"
        list={list}
        data-testid="sampling-table"
        locale={{ emptyText: '暂无抽查记录' }}
        onRow={(s) => ({ 'data-testid': `sampling-row-${s.id}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: '编号', dataIndex: 'id', render: (id: number) => <Link to={`/supervision/samplings/${id}`} data-testid={`sampling-open-${id}`}>抽样 #{id}</Link> },
          { title: '抽取条件', key: 'criteria', render: (_: unknown, s) => describeCriteria(s) },
          { title: '抽中', key: 'picked', render: (_: unknown, s) => `${s.caseIds.length} 件` },
          { title: '种子', key: 'seed', render: (_: unknown, s) => <Typography.Text code>{s.criteria.seed}</Typography.Text> },
          { title: '说明', dataIndex: 'note', render: (v: string | null) => v || '—' },
          { title: '抽取时间', dataIndex: 'createdAt', render: formatInstant },
        ]}
      />
      <Modal
        open={creating}
        title="新建抽查"
        okText="抽取"
        cancelText="取消"
        onOk={create}
        onCancel={() => setCreating(false)}
        okButtonProps={{ loading: saving, ...({ 'data-testid': 'sampling-form-submit' } as object) }}
        destroyOnHidden
        width={640}
      >
        <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ n: 5 }} data-testid="sampling-form">
          <Form.Item name="n" label="抽取件数" rules={[{ required: true, message: '请填写抽取件数' }]}>
            <InputNumber min={1} max={200} precision={0} data-testid="sampling-form-n" />
          </Form.Item>
          <Space wrap size={16} style={{ width: '100%' }}>
            <Form.Item name="unitId" label="办理单位">
              <UnitSelect allowClear activeOnly={false} placeholder="全部单位" style={{ width: 260 }} data-testid="sampling-form-unit" />
            </Form.Item>
            <Form.Item name="itemId" label="事项">
              <RemoteSelect<number> allowClear placeholder="全部事项" style={{ width: 300 }} fetchOptions={searchItems} data-testid="sampling-form-item" />
            </Form.Item>
          </Space>
          <Space wrap size={16} style={{ width: '100%' }}>
            <Form.Item name="dates" label="收件日期">
              <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="sampling-form-dates" />
            </Form.Item>
            <Form.Item name="status" label="办件状态">
              <Select allowClear placeholder="全部状态" style={{ width: 180 }} options={Object.entries(CASE_STATUSES).map(([value, l]) => ({ value, label: l }))} data-testid="sampling-form-status" />
            </Form.Item>
          </Space>
          <Form.Item name="seed" label="随机种子（可不填；相同种子、相同候选办件抽中相同结果，便于复核）">
            <Input maxLength={64} data-testid="sampling-form-seed" />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={2000} data-testid="sampling-form-note" />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
