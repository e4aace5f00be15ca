// 期限计算: start date + N working days / natural days → due date and deadline instant.
import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Form, InputNumber, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api';
import { useFeedback } from '../../../hooks/useFeedback';
import type { DeadlineResult } from '../../../types';
import { formatDeadline } from '../../../utils/format';

interface Values {
  start: Dayjs;
  n: number;
  mode: 'workdays' | 'days';
}

export function DeadlineCard() {
  const [form] = Form.useForm<Values>();
  const feedback = useFeedback();
  const [loading, setLoading] = useState(false);
  const [result, setResult] = useState<(DeadlineResult & { mode: Values['mode']; n: number; start: string }) | null>(null);

  const compute = async (v: Values) => {
    setLoading(true);
    try {
      const start = v.start.format('YYYY-MM-DD');
      const res = await api.get<DeadlineResult>(`/api/calendar/${v.mode === 'workdays' ? 'add-workdays' : 'add-days'}`, { date: start, n: v.n });
      setResult({ ...res, mode: v.mode, n: v.n, start });
    } catch (e) {
      feedback.error(e, form);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card title="期限计算" size="small" data-testid="deadline-card">
      <Form<Values> form={form} layout="vertical" initialValues={{ start: dayjs(), n: 20, mode: 'workdays' }} onFinish={compute}>
        <Form.Item label="起算日期" name="start" rules={[{ required: true, message: '请选择起算日期' }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="deadline-start" />
        </Form.Item>
        <Form.Item label="期限" name="n" rules={[{ required: true, message: '请输入天数' }]}>
          <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} suffix="天" data-testid="deadline-n" />
        </Form.Item>
        <Form.Item name="mode">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'workdays', label: '工作日' },
              { value: 'days', label: '自然日' },
            ]}
            data-testid="deadline-mode"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading} block data-testid="deadline-submit">
          计算
        </Button>
      </Form>
      {result && (
        <Descriptions
          column={1}
          size="small"
          style={{ marginTop: 16 }}
          data-testid="deadline-result"
          items={[
            { key: 'rule', label: '计算', children: `${result.start} 起 ${result.n} 个${result.mode === 'workdays' ? '工作日' : '自然日'}` },
            { key: 'date', label: '到期日', children: <strong data-testid="deadline-date">{result.date}</strong> },
            { key: 'deadline', label: '截止时刻', children: <span data-testid="deadline-instant">{formatDeadline(result.deadline)}（北京时间）</span> },
          ]}
        />
      )}
      <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 12 }}>
        工作日自次日起算，跳过法定节假日和周末、计入调休上班日；自然日期限末日为节假日的顺延至其后第一个工作日。
      </div>
    </Card>
  );
}
