// 抽查详情: the criteria, the cases drawn (in the order drawn; each opens the case monitor) and
// the conclusion recorded per case (未发现问题 / 发现问题, optionally the signal raised for it).
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Form, Input, Modal, Radio, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage, useFeedback } from '../../hooks/useFeedback';
import { formatInstant, validValues } from '../../utils/format';
import { CASE_STATUSES, SAMPLING_RESULTS, label } from './labels';
import type { Page } from '../../types';
import type { SamplingDetail, SamplingFinding, Signal } from './model';
import { describeCriteria } from './SamplingsPage';

type CaseRow = SamplingDetail['cases'][number];

function FindingTag({ f }: { f: SamplingFinding }) {
  return (
    <Tag color={f.result === 'problem' ? 'red' : 'green'} data-testid={`sampling-finding-row-${f.id}`} data-result={f.result}>
      {label(SAMPLING_RESULTS, f.result)}
    </Tag>
  );
}

export default function SamplingDetailPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const feedback = useFeedback();
  const { data, loading, error, reload } = useApiData<SamplingDetail>(`/api/supervision/samplings/${id}`);
  const [target, setTarget] = useState<CaseRow | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ result: 'ok' | 'problem'; finding: string; signalId?: number }>();
  const caseSignals = useApiData<Page<Signal>>(target ? '/api/supervision/signals' : null, { caseId: target?.id, limit: 50 }, { quiet: true });

  if (!data) {
    if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    return <Result status="warning" title="无法加载抽查记录" subTitle={error ? errorMessage(error) : undefined} />;
  }
  const { sampling: s, cases, findings } = data;
  const byCase = (caseId: number) => findings.filter((f) => f.caseId === caseId);
  const caseNo = (caseId: number) => cases.find((c) => c.id === caseId)?.caseNo ?? `#${caseId}`;

  const record = async () => {
    if (!target) return;
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      await api.post(`/api/supervision/samplings/${s.id}/findings`, { caseId: target.id, result: v.result, finding: v.finding.trim(), signalId: v.signalId ?? null });
      feedback.success('检查结论已登记');
      setTarget(null);
      reload();
    } catch (e) {
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={`抽样 #${s.id}`} data-testid="sampling-detail" extra={<Link to="/supervision/samplings">返回列表</Link>}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="抽取条件" span={2}>{describeCriteria(s)}</Descriptions.Item>
          <Descriptions.Item label="随机种子"><Typography.Text code>{s.criteria.seed}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label="抽中">{s.caseIds.length} 件</Descriptions.Item>
          <Descriptions.Item label="抽取时间">{formatInstant(s.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="说明">{s.note || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="抽中的办件" size="small">
        <Table<CaseRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={cases}
          data-testid="sampling-cases"
          locale={{ emptyText: '没有符合条件的办件' }}
          onRow={(c) => ({ 'data-testid': `sampling-case-${c.id}`, 'data-findings': byCase(c.id).length } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            {
              title: '办件编号', dataIndex: 'caseNo',
              render: (no: string, c) => <Link to={`/supervision/cases?no=${encodeURIComponent(no)}`} data-testid={`sampling-case-open-${c.id}`}>{no}</Link>,
            },
            { title: '事项', dataIndex: 'itemName' },
            { title: '办理单位', dataIndex: 'unitName' },
            { title: '状态', dataIndex: 'status', render: (v: string) => label(CASE_STATUSES, v) },
            { title: '收件时间', dataIndex: 'receivedAt', render: formatInstant },
            {
              title: '检查结论', key: 'findings',
              render: (_: unknown, c) => {
                const fs = byCase(c.id);
                return fs.length ? <Space wrap>{fs.map((f) => <FindingTag key={f.id} f={f} />)}</Space> : <Typography.Text type="secondary">未登记</Typography.Text>;
              },
            },
            {
              title: '操作', key: 'actions',
              render: (_: unknown, c) =>
                can('supervision.handle') && (
                  <Button size="small" onClick={() => setTarget(c)} data-testid={`sampling-finding-${c.id}`}>
                    登记结论
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Card title="检查结论" size="small">
        <Table<SamplingFinding>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={findings}
          data-testid="sampling-findings"
          locale={{ emptyText: '尚未登记检查结论' }}
          columns={[
            { title: '办件', dataIndex: 'caseId', render: (cid: number) => caseNo(cid) },
            { title: '结论', key: 'result', render: (_: unknown, f) => <FindingTag f={f} /> },
            { title: '情况', dataIndex: 'finding' },
            { title: '监察信号', dataIndex: 'signalId', render: (sid: number | null) => (sid ? <Link to={`/supervision/signals/${sid}`}>查看信号</Link> : '—') },
            { title: '登记时间', dataIndex: 'at', render: formatInstant },
          ]}
        />
      </Card>
      <Modal
        open={!!target}
        title={target ? `登记检查结论：${target.caseNo}` : ''}
        okText="登记"
        cancelText="取消"
        onOk={record}
        onCancel={() => setTarget(null)}
        okButtonProps={{ loading: saving, ...({ 'data-testid': 'finding-form-submit' } as object) }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ result: 'ok' }} data-testid="finding-form">
          <Form.Item name="result" label="结论">
            <Radio.Group data-testid="finding-form-result">
              <Radio value="ok" data-testid="finding-form-result-ok">未发现问题</Radio>
              <Radio value="problem" data-testid="finding-form-result-problem">发现问题</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="finding" label="检查情况" rules={[{ required: true, whitespace: true, message: '请填写检查情况' }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount data-testid="finding-form-text" />
          </Form.Item>
          <Form.Item name="signalId" label="关联监察信号（该办件的信号，可不选）">
            <Select
              allowClear
              loading={caseSignals.loading}
              placeholder={caseSignals.data?.items.length === 0 ? '该办件没有监察信号' : '选择监察信号'}
              options={(caseSignals.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.signalNo} ${x.title}` }))}
              data-testid="finding-form-signal"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
