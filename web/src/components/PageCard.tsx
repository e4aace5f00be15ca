import type { ReactNode } from 'react';
import { Card } from 'antd';

/** The frame of an admin page: title, actions on the right, content. */
export function PageCard({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} styles={{ body: { paddingTop: 16 } }}>
      {children}
    </Card>
  );
}
