// Set one day as 法定节假日 / 调休上班日, or return it to the weekday/weekend rule.
import { useState, useLayoutEffect } from 'react';
import { Alert, Button, Form, Input, Modal, Select } from 'antd';
import { api } from '../../../api';
import { useFeedback } from '../../../hooks/useFeedback';
import { DAY_KIND_LABELS } from '../../../labels';
import type { CalendarDay } from '../../../types';
import { validValues } from '../../../utils/format';

type Choice = 'holiday' | 'workday' | 'default';
const CHOICES: { value: Choice; label: string }[] = [
  { value: 'holiday', label: '法定节假日' },
  { value: 'workday', label: '调休上班日' },
  { value: 'default', label: '恢复默认' },
];
const SOURCE_LABELS: Record<string, string> = { 'chinese-days': '国务院节假日安排（内置）', admin: '管理员设置', import: '批量导入' };
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function initialChoice(day: CalendarDay): Choice {
  if (day.kind === 'holiday') return 'holiday';
  if (day.kind === 'makeup' || day.kind === 'weekend') return 'workday';
  return 'holiday';
}

function describe(day: CalendarDay): string {
  const [y, m, d] = day.date.split('-').map(Number);
  const wd = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  const src = day.source ? `，来源：${SOURCE_LABELS[day.source] ?? day.source}` : '';
  return `${y}年${m}月${d}日 星期${wd} · 当前：${DAY_KIND_LABELS[day.kind]}${day.name ? `（${day.name}）` : ''}${src}`;
}

export function DayEditModal({ day, onClose, onSaved }: { day: CalendarDay | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ kind: Choice; name?: string }>();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);

  // before the browser paints: a value typed the moment the form shows is never overwritten
  useLayoutEffect(() => {
    if (day) form.setFieldsValue({ kind: initialChoice(day), name: day.kind === 'holiday' || day.kind === 'makeup' ? day.name ?? '' : '' });
  }, [day, form]);

  const save = async () => {
    if (!day) return;
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const body = v.kind === 'default' ? { kind: v.kind } : { kind: v.kind, name: v.name?.trim() || null };
      await api.put(`/api/calendar/days/${day.date}`, body);
      feedback.success('工作日历已更新');
      onSaved();
    } catch (e) {
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!day}
      title="设置日期"
      onCancel={onClose}
      forceRender
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="save" type="primary" loading={saving} onClick={save} data-testid="calendar-day-save">
          保存
        </Button>,
      ]}
    >
      {day && <Alert type="info" showIcon title={describe(day)} style={{ marginBottom: 16 }} data-testid="calendar-day-info" />}
      <Form form={form} layout="vertical">
        <Form.Item label="设置为" name="kind" rules={[{ required: true, message: '请选择' }]}>
          <Select options={CHOICES} data-testid="calendar-day-kind" />
        </Form.Item>
        {kind !== 'default' && (
          <Form.Item
            label="名称"
            name="name"
            extra={kind === 'holiday' ? '如：国庆节；不填则为“节假日”' : '如：国庆节调休；不填则为“调休上班”'}
            rules={[{ max: 40, message: '名称最多 40 个字' }]}
          >
            <Input maxLength={40} placeholder={kind === 'holiday' ? '国庆节' : '国庆节调休'} data-testid="calendar-day-name" />
          </Form.Item>
        )}
        {kind === 'default' && (
          <Alert type="warning" showIcon title="恢复默认后，该日按周一至周五上班、周六周日休息的规则确定。" />
        )}
      </Form>
    </Modal>
  );
}
