// A time limit (days + 工作日/自然日) as two inputs; errors show on the enclosing Form.Item.
import { Form, InputNumber, Select, Space } from 'antd';
import { DAY_UNIT_OPTIONS } from '../labels';

/** `block` fills the column (days and unit share it). */
export function LimitFields({ name, testId, disabled, block }: { name: (string | number)[]; testId: string; disabled?: boolean; block?: boolean }) {
  return (
    <Space.Compact block={block}>
      <Form.Item name={[...name, 'days']} noStyle rules={[{ required: true, message: '请填写天数' }]}>
        <InputNumber min={0} max={3650} precision={0} style={{ width: block ? '50%' : 110 }} disabled={disabled} placeholder="天数" data-testid={`${testId}-days`} />
      </Form.Item>
      <Form.Item name={[...name, 'unit']} noStyle>
        <Select options={DAY_UNIT_OPTIONS} style={{ width: block ? '50%' : 100 }} disabled={disabled} data-testid={`${testId}-unit`} />
      </Form.Item>
    </Space.Compact>
  );
}
