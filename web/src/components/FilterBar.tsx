// Inline filter form above a table: 查询 applies the values, 重置 restores the initial ones.
import type { ReactNode } from 'react';
import { Button, Form } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';

export interface FilterBarProps<V extends object> {
  initialValues: V;
  onSearch: (values: V) => void;
  children: ReactNode;
}

export function FilterBar<V extends object>({ initialValues, onSearch, children }: FilterBarProps<V>) {
  const [form] = Form.useForm<V>();
  return (
    <Form<V>
      form={form}
      layout="inline"
      className="filter-bar"
      initialValues={initialValues}
      onFinish={(v) => onSearch({ ...initialValues, ...v })}
      data-testid="filter-bar"
    >
      {children}
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-submit">
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            form.resetFields();
            onSearch(initialValues);
          }}
          data-testid="filter-reset"
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}
