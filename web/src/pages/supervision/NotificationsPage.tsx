// 站内通知: every in-app notice of the signed-in user (keyset paging), mark read.
import { useNavigate } from 'react-router-dom';
import { Button, Tag, Typography } from 'antd';
import { api } from '../../api';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { useFeedback } from '../../hooks/useFeedback';
import { useKeysetList } from '../../hooks/useKeysetList';
import { formatInstant } from '../../utils/format';
import type { Notification } from './model';
import { openNotification } from './NotificationBell';

export default function NotificationsPage() {
  const navigate = useNavigate();
  const feedback = useFeedback();
  const list = useKeysetList<Notification>('/api/supervision/notifications');
  return (
    <PageCard
      title="站内通知"
      extra={
        <Button
          onClick={() => api.post('/api/supervision/notifications/read-all').then(list.reload, (e) => feedback.error(e))}
          data-testid="notifications-read-all"
        >
          全部已读
        </Button>
      }
    >
      <LoadMoreTable<Notification>
        rowKey="id"
        list={list}
        data-testid="notification-table"
        columns={[
          { title: '状态', dataIndex: 'readAt', render: (r: string | null) => (r ? <Tag>已读</Tag> : <Tag color="gold">未读</Tag>) },
          {
            title: '通知', dataIndex: 'subject',
            render: (v: string, n) => (
              <a onClick={() => void openNotification(n, navigate)} data-testid={`notification-open-${n.id}`}>
                <Typography.Text strong={!n.readAt}>{v}</Typography.Text>
              </a>
            ),
          },
          { title: '内容', dataIndex: 'body', render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, maxWidth: 520 }}>{v}</Typography.Paragraph> },
          { title: '时间', dataIndex: 'createdAt', render: formatInstant },
        ]}
      />
    </PageCard>
  );
}
