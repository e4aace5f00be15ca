// 督办事项详情: the task, its chained record and documents, and the acts of the current state
// (submit, leader approval of dispatch/extension, remind, unit report/extension request,
// return, close) as far as the user's permissions allow.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Form, Input, InputNumber, List, Modal, Radio, Result, Row, Space, Spin, Tag, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { errorMessage, useFeedback } from '../../hooks/useFeedback';
import { useApiData } from '../../hooks/useApiData';
import { formatDeadline, formatInstant, validValues } from '../../utils/format';
import { ChainTimeline } from './components/ChainTimeline';
import { TaskStatusTag } from './components/tags';
import { toAttachments } from './files';
import { DOCUMENT_KINDS, TASK_EVENTS, label } from './labels';
import type { TaskDetail } from './model';

type TaskAct = 'submit' | 'approve' | 'request-extension' | 'approve-extension' | 'remind' | 'report' | 'return' | 'close';
const ACTS: Record<TaskAct, { label: string; permission: string; states: string[]; fields: ('decision' | 'reason' | 'days' | 'note' | 'text' | 'files' | 'summary')[]; maxDays?: number }> = {
  submit: { label: '提交批准交办', permission: 'supervision.handle', states: ['draft'], fields: [] },
  approve: { label: '审批交办', permission: 'supervision.task.approve', states: ['pending_approval'], fields: ['decision', 'reason'] },
  'request-extension': { label: '申请延期', permission: 'supervision.explain', states: ['dispatched'], fields: ['days', 'reason'], maxDays: 10 },
  'approve-extension': { label: '审批延期', permission: 'supervision.task.approve', states: ['extension_requested'], fields: ['decision', 'reason'] },
  remind: { label: '催办', permission: 'supervision.handle', states: ['dispatched', 'extension_requested', 'returned'], fields: ['note'] },
  report: { label: '上报办理情况', permission: 'supervision.explain', states: ['dispatched', 'extension_requested', 'returned'], fields: ['text', 'files'] },
  return: { label: '退回补充办理', permission: 'supervision.handle', states: ['reported'], fields: ['reason', 'days'], maxDays: 20 },
  close: { label: '审核办结', permission: 'supervision.handle', states: ['reported'], fields: ['summary'] },
};

export default function TaskDetailPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const feedback = useFeedback();
  const { data, loading, error, reload } = useApiData<TaskDetail>(`/api/supervision/tasks/${id}`);
  const [act, setAct] = useState<TaskAct | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  if (!data) {
    if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    return <Result status="warning" title="无法加载督办事项" subTitle={error ? errorMessage(error) : undefined} />;
  }
  const t = data.task;
  const acts = (Object.keys(ACTS) as TaskAct[]).filter((a) => ACTS[a].states.includes(t.status) && can(ACTS[a].permission));

  const run = async (a: TaskAct) => {
    const def = ACTS[a];
    const v = ((def.fields.length ? await validValues(form) : {}) ?? null) as Record<string, unknown> | null;
    if (!v) return;
    const body: Record<string, unknown> = {};
    for (const f of def.fields) {
      if (f === 'decision') body.approve = v.decision !== false;
      else if (f === 'files') body.files = await toAttachments(v.files as UploadFile[] | undefined);
      else if (v[f] !== undefined && v[f] !== null && v[f] !== '') body[f] = v[f];
    }
    setSaving(true);
    try {
      await api.post(`/api/supervision/tasks/${t.id}/${a}`, body);
      feedback.success(`已${def.label}`);
      setAct(null);
      reload();
    } catch (e) {
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  const def = act ? ACTS[act] : null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<Space>{t.taskNo}<span data-testid="task-title">{t.title}</span><TaskStatusTag status={t.status} testId="task-status" /></Space>} data-testid="task-detail" data-status={t.status}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="责任单位">{t.unitName}</Descriptions.Item>
          <Descriptions.Item label="办理期限">{t.dueAt ? formatDeadline(t.dueAt) : `${t.limitDays} 个工作日（交办后起算）`}{t.extensionDays ? `（已延期 ${t.extensionDays} 个工作日）` : ''}</Descriptions.Item>
          <Descriptions.Item label="督办内容" span={2}>{t.content}</Descriptions.Item>
          <Descriptions.Item label="办理要求" span={2}>{t.requirements}</Descriptions.Item>
          <Descriptions.Item label="来源信号">{t.signalId ? <Link to={`/supervision/signals/${t.signalId}`}>查看信号</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label="上报时间">{formatInstant(t.reportedAt)}</Descriptions.Item>
          {t.report && <Descriptions.Item label="办理情况" span={2}>{t.report}</Descriptions.Item>}
        </Descriptions>
        {acts.length > 0 && (
          <Space wrap style={{ marginTop: 16 }}>
            {acts.map((a) => (
              <Button key={a} type="primary" ghost={a !== 'approve'} onClick={() => (ACTS[a].fields.length ? setAct(a) : void run(a))} loading={saving && act === null} data-testid={`task-act-${a}`}>
                {ACTS[a].label}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title="文书" size="small">
            <List
              dataSource={data.documents}
              locale={{ emptyText: '暂无文书' }}
              renderItem={(d) => (
                <List.Item actions={[<a key="o" href={`/api/supervision/documents/${d.id}/html`} target="_blank" rel="noreferrer">查看 / 打印</a>]}>
                  <Space><Tag>{label(DOCUMENT_KINDS, d.kind)}</Tag>{d.title} · {d.docNo}</Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="办理记录" size="small">
            <ChainTimeline events={data.events} names={TASK_EVENTS} testId="task-event" />
          </Card>
        </Col>
      </Row>
      <Modal
        open={!!act}
        title={def?.label}
        okText="提交"
        cancelText="取消"
        onOk={() => act && void run(act)}
        onCancel={() => setAct(null)}
        okButtonProps={{ loading: saving, ...({ 'data-testid': 'task-act-submit' } as object) }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {def?.fields.includes('decision') && (
            <Form.Item name="decision" label="审批结果" initialValue={true}>
              <Radio.Group data-testid="task-form-decision" options={[{ value: true, label: '批准' }, { value: false, label: '不批准' }]} />
            </Form.Item>
          )}
          {def?.fields.includes('days') && (
            <Form.Item name="days" label={`期限（工作日，≤ ${def.maxDays}）`} rules={act === 'request-extension' ? [{ required: true, message: '请填写延期天数' }] : []}>
              <InputNumber min={1} max={def.maxDays} precision={0} data-testid="task-form-days" />
            </Form.Item>
          )}
          {(['reason', 'note', 'text', 'summary'] as const).filter((f) => def?.fields.includes(f)).map((f) => (
            <Form.Item key={f} name={f} label={{ reason: '理由', note: '催办内容', text: '办理情况', summary: '办结意见' }[f]}
              rules={f === 'reason' && def?.fields.includes('decision') ? [] : [{ required: true, whitespace: true, message: '请填写' }]}>
              <Input.TextArea rows={4} maxLength={4000} data-testid={`task-form-${f}`} />
            </Form.Item>
          ))}
          {def?.fields.includes('files') && (
            <Form.Item name="files" label="附件" valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e?.fileList}>
              <Upload beforeUpload={() => false} multiple maxCount={10}><Button icon={<UploadOutlined />}>选择文件</Button></Upload>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
