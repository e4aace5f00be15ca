// 督查督办: tasks in the jurisdiction (keyset paging, status/unit filters) and 新建督办 (draft:
// content, responsible unit, requirements, deadline in working days ≤ 20).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { FilterBar } from '../../components/FilterBar';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { UnitSelect } from '../../components/UnitSelect';
import { useFeedback } from '../../hooks/useFeedback';
import { useKeysetList } from '../../hooks/useKeysetList';
import { formatDeadline, formatInstant, validValues } from '../../utils/format';
import { TaskStatusTag } from './components/tags';
import { TASK_STATUSES } from './labels';
import type { Task } from './model';

interface Filters {
  status?: string;
  unitId?: number;
}

export default function TasksPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const [filters, setFilters] = useState<Filters>({});
  const list = useKeysetList<Task>('/api/supervision/tasks', { ...filters });
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  const create = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const r = await api.post<{ task: Task }>('/api/supervision/tasks', v);
      feedback.success('督办事项已起草');
      setCreating(false);
      navigate(`/supervision/tasks/${r.task.id}`);
    } catch (e) {
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageCard
      title="督查督办"
      extra={can('supervision.handle') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create">新建督办</Button>}
    >
      <FilterBar<Filters> initialValues={{}} onSearch={setFilters}>
        <Form.Item name="status">
          <Select allowClear placeholder="状态" style={{ width: 170 }} options={Object.entries(TASK_STATUSES).map(([value, label]) => ({ value, label }))} data-testid="task-filter-status" />
        </Form.Item>
        <Form.Item name="unitId">
          <UnitSelect allowClear activeOnly={false} placeholder="责任单位" style={{ width: 220 }} data-testid="task-filter-unit" />
        </Form.Item>
      </FilterBar>
      <LoadMoreTable<Task>
        rowKey="id"
        list={list}
        data-testid="task-table"
        columns={[
          { title: '督办编号', dataIndex: 'taskNo', render: (v: string, t) => <Link to={`/supervision/tasks/${t.id}`} data-testid={`task-open-${t.id}`}>{v}</Link> },
          { title: '标题', dataIndex: 'title' },
          { title: '责任单位', dataIndex: 'unitName' },
          { title: '状态', dataIndex: 'status', render: (s: string, t) => <TaskStatusTag status={s} testId={`task-status-${t.id}`} /> },
          { title: '期限', dataIndex: 'dueAt', render: (d: string | null, t) => (d ? formatDeadline(d) : `${t.limitDays} 个工作日`) },
          { title: '来源信号', dataIndex: 'signalId', render: (s: number | null) => (s ? <Link to={`/supervision/signals/${s}`}>查看</Link> : '—') },
          { title: '起草时间', dataIndex: 'createdAt', render: formatInstant },
        ]}
      />
      <Modal
        open={creating}
        title="新建督查督办事项"
        okText="起草"
        cancelText="取消"
        onOk={create}
        onCancel={() => setCreating(false)}
        okButtonProps={{ loading: saving, ...({ 'data-testid': 'task-form-submit' } as object) }}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input maxLength={200} data-testid="task-form-title" />
          </Form.Item>
          <Form.Item name="unitId" label="责任单位" rules={[{ required: true, message: '请选择责任单位' }]}>
            <UnitSelect data-testid="task-form-unit" />
          </Form.Item>
          <Form.Item name="content" label="督办内容" rules={[{ required: true, whitespace: true, message: '请填写督办内容' }]}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="task-form-content" />
          </Form.Item>
          <Form.Item name="requirements" label="办理要求" rules={[{ required: true, whitespace: true, message: '请填写办理要求' }]}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="task-form-requirements" />
          </Form.Item>
          <Form.Item name="limitDays" label="办理期限（工作日，≤ 20）" extra="不填按默认 20 个工作日">
            <InputNumber min={1} max={20} precision={0} data-testid="task-form-limitDays" />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
