// 巡查 (SUP-9, 四川§11): record a patrol of the own platform or a lower level's (what was looked
// at, what was found), the patrol records, and each level's compliance per working day
// (省 ≥1 本级; 市 ≥2 本级 + ≥1 县级; 县 ≥2 本级) for a period of at most 93 days.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api';
import { useAuth, useMe } from '../../auth/context';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { useApiData } from '../../hooks/useApiData';
import { useFeedback } from '../../hooks/useFeedback';
import { useKeysetList } from '../../hooks/useKeysetList';
import { chinaToday, formatInstant, validValues } from '../../utils/format';
import { PATROL_MODES, PATROL_TARGETS, REGION_LEVELS, label } from './labels';
import type { Compliance, ComplianceDay, ComplianceRegion, Patrol } from './model';

interface PatrolValues {
  mode: 'data' | 'video';
  targetRegionCode: string;
  note: string;
  findings?: string;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function requirement(r: ComplianceRegion) {
  return `本级 ≥${r.required.own}${r.required.lower ? `，下级 ≥${r.required.lower}` : ''}`;
}

function DayCell({ r, d }: { r: ComplianceRegion; d: ComplianceDay }) {
  return (
    <Tooltip title={`${d.day}：本级 ${d.own} 次${r.required.lower ? `，下级 ${d.lower} 次` : ''}（要求${requirement(r)}）`}>
      <div
        data-testid={`compliance-cell-${r.regionCode}-${d.day}`}
        data-met={String(d.met)}
        data-own={d.own}
        data-lower={d.lower}
        style={{
          textAlign: 'center', borderRadius: 4, padding: '2px 4px', minWidth: 44,
          background: d.met ? '#f6ffed' : '#fff1f0', border: `1px solid ${d.met ? '#b7eb8f' : '#ffa39e'}`, color: d.met ? '#389e0d' : '#cf1322',
        }}
      >
        {d.own}{r.required.lower ? ` / ${d.lower}` : ''}
      </div>
    </Tooltip>
  );
}

export default function PatrolsPage() {
  const me = useMe();
  const { can } = useAuth();
  const feedback = useFeedback();
  const today = chinaToday();
  const [params] = useSearchParams();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const to = dayjs(params.get('to') ?? today);
    return [params.get('from') ? dayjs(params.get('from')) : to.subtract(13, 'day'), to];
  });
  const period = useMemo(() => ({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }), [range]);
  const compliance = useApiData<Compliance>('/api/supervision/patrols/compliance', period);
  const list = useKeysetList<Patrol>('/api/supervision/patrols', period);
  const [recording, setRecording] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<PatrolValues>();

  const own = me.region?.code;
  const targets = useMemo(() => {
    const regions = compliance.data?.regions ?? [];
    const mine = regions.find((r) => r.regionCode === own);
    const lower = regions.filter((r) => r.regionCode !== own);
    return [
      { value: own ?? '', label: `本级平台（${mine?.name ?? me.region?.name ?? ''}）` },
      ...lower.map((r) => ({ value: r.regionCode, label: `下级平台：${r.name}（${label(REGION_LEVELS, r.level)}）` })),
    ];
  }, [compliance.data, own, me.region]);

  const record = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const r = await api.post<{ patrol: Patrol }>('/api/supervision/patrols', {
        mode: v.mode,
        targetRegionCode: v.targetRegionCode && v.targetRegionCode !== own ? v.targetRegionCode : null,
        note: v.note.trim(),
        findings: v.findings?.trim() || null,
      });
      feedback.success('巡查已登记');
      setRecording(false);
      // Show the period of the new record (the server's day may differ from the browser's).
      const day = dayjs(r.patrol.day);
      if (day.isBefore(range[0], 'day') || day.isAfter(range[1], 'day')) setRange([day.subtract(13, 'day'), day]);
      else {
        list.reload();
        compliance.reload();
      }
    } catch (e) {
      feedback.error(e, form, { NOT_FOUND: 'targetRegionCode' });
    } finally {
      setSaving(false);
    }
  };

  const days = compliance.data?.workingDays ?? [];
  const complianceColumns: TableColumnsType<ComplianceRegion> = [
    {
      title: '区划', dataIndex: 'name', fixed: 'left',
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          <Tag>{label(REGION_LEVELS, r.level)}</Tag>
        </Space>
      ),
    },
    { title: '每个工作日要求', key: 'required', render: (_: unknown, r) => requirement(r) },
    {
      title: '达标天数', key: 'met',
      render: (_: unknown, r) => (
        <Typography.Text type={r.metDays < days.length ? 'danger' : 'success'} data-testid={`compliance-met-${r.regionCode}`} data-met-days={r.metDays}>
          {r.metDays} / {days.length}
        </Typography.Text>
      ),
    },
    ...days.map((day, i) => ({
      title: `${day.slice(5)}（${WEEKDAYS[dayjs(day).day()]}）`,
      key: day,
      align: 'center' as const,
      render: (_: unknown, r: ComplianceRegion) => <DayCell r={r} d={r.days[i]} />,
    })),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageCard
        title="巡查达标情况"
        extra={
          <Space>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => {
                if (v?.[0] && v[1]) setRange([v[0], v[1]]);
              }}
              data-testid="patrol-compliance-range"
            />
            {can('supervision.handle') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="patrol-create">
                登记巡查
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          四川省办法第十一条：省级每个工作日对本级平台巡查至少 1 次；市（州）级对本级平台至少 2 次、对县级平台至少 1 次；县级对本级平台至少 2 次。单元格为当日“本级 / 下级”巡查次数，绿色为达标。
        </Typography.Paragraph>
        <Table<ComplianceRegion>
          rowKey="regionCode"
          size="small"
          pagination={false}
          loading={compliance.loading}
          dataSource={compliance.data?.regions ?? []}
          columns={complianceColumns}
          scroll={{ x: 'max-content' }}
          data-testid="patrol-compliance"
          onRow={(r) => ({ 'data-testid': `compliance-row-${r.regionCode}` } as React.HTMLAttributes<HTMLElement>)}
        />
      </PageCard>
      <Card title={`巡查记录（${period.from} 至 ${period.to}）`} size="small">
        <LoadMoreTable<Patrol>
          rowKey="id"
          list={list}
          size="small"
          data-testid="patrol-table"
          locale={{ emptyText: '所选期间没有巡查记录' }}
          onRow={(p) => ({ 'data-testid': `patrol-row-${p.id}`, 'data-target': p.target } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: '巡查时间', dataIndex: 'at', render: formatInstant },
            { title: '巡查人', dataIndex: 'patrolledByName', render: (v: string | null) => v ?? '—' },
            {
              title: '巡查对象', key: 'target',
              render: (_: unknown, p) => (
                <Space size={4}>
                  <Tag color={p.target === 'own' ? 'blue' : 'purple'}>{label(PATROL_TARGETS, p.target)}</Tag>
                  {p.targetRegionName ?? p.targetRegionCode}
                </Space>
              ),
            },
            { title: '方式', dataIndex: 'mode', render: (m: string) => label(PATROL_MODES, m) },
            { title: '巡查内容', dataIndex: 'note' },
            { title: '发现问题', dataIndex: 'findings', render: (f: string | null) => f || <Typography.Text type="secondary">未发现问题</Typography.Text> },
          ]}
        />
      </Card>
      <Modal
        open={recording}
        title="登记巡查"
        okText="登记"
        cancelText="取消"
        onOk={record}
        onCancel={() => setRecording(false)}
        okButtonProps={{ loading: saving, ...({ 'data-testid': 'patrol-form-submit' } as object) }}
        destroyOnHidden
        width={600}
      >
        <Form<PatrolValues> form={form} layout="vertical" preserve={false} initialValues={{ mode: 'data', targetRegionCode: own ?? '' }} data-testid="patrol-form">
          <Form.Item name="mode" label="巡查方式">
            <Radio.Group data-testid="patrol-form-mode">
              <Radio value="data" data-testid="patrol-form-mode-data">数据巡查</Radio>
              <Radio value="video" data-testid="patrol-form-mode-video">视频巡查</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="targetRegionCode" label="巡查对象">
            <Select options={targets} data-testid="patrol-form-target" />
          </Form.Item>
          <Form.Item name="note" label="巡查内容（查看了什么）" rules={[{ required: true, whitespace: true, message: '请填写巡查内容' }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="patrol-form-note" />
          </Form.Item>
          <Form.Item name="findings" label="发现问题（没有可不填）">
            <Input.TextArea rows={3} maxLength={4000} showCount data-testid="patrol-form-findings" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
