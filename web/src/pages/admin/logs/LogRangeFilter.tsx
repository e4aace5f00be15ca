// The date-range filter both log pages share (maps to `range` in LogFilterValues).
import { DatePicker, Form } from 'antd';

export function LogRangeFilter() {
  return (
    <Form.Item>
      {/* The wrapper carries the test id: the range picker would put it on both inputs. */}
      <span data-testid="log-filter-range">
        <Form.Item name="range" noStyle>
          <DatePicker.RangePicker />
        </Form.Item>
      </span>
    </Form.Item>
  );
}
