// The header bell (all staff): unread count (polled every 30 s, and at once when a live
// signal arrives for supervision users), the latest notices, mark one / all read.
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { useFeedback } from '../../hooks/useFeedback';
import { formatInstant } from '../../utils/format';
import { useLiveSignals, useThrottled } from './liveStream';
import type { Notification } from './model';
import type { Page } from '../../types';

export async function openNotification(n: Notification, navigate: (to: string) => void) {
  if (!n.readAt) await api.post(`/api/supervision/notifications/${n.id}/read`).catch(() => undefined);
  const to = n.link ?? (n.signalId ? `/supervision/signals/${n.signalId}` : n.taskId ? `/supervision/tasks/${n.taskId}` : null);
  if (to) navigate(to);
}

export function NotificationBell() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[] | null>(null);

  const loadCount = useCallback(() => {
    api.get<{ unread: number }>('/api/supervision/notifications/unread-count', undefined, { noRedirect: true })
      .then((r) => setUnread(r.unread))
      .catch(() => undefined);
  }, []);
  const loadList = useCallback(() => {
    api.get<Page<Notification>>('/api/supervision/notifications', { limit: 10 }, { noRedirect: true })
      .then((p) => setItems(p.items))
      .catch((e) => feedback.error(e));
  }, [feedback]);

  useEffect(() => {
    loadCount();
    const t = window.setInterval(loadCount, 30_000);
    const onFocus = () => loadCount();
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(t);
      window.removeEventListener('focus', onFocus);
    };
  }, [loadCount]);
  // Notifications are written in the signal's transaction: a live signal means new ones may exist.
  const refresh = useThrottled(() => {
    loadCount();
    if (open) loadList();
  }, 1000);
  useLiveSignals(refresh, can('supervision.view'));

  const readAll = async () => {
    try {
      await api.post('/api/supervision/notifications/read-all');
      setUnread(0);
      loadList();
    } catch (e) {
      feedback.error(e);
    }
  };

  const content = (
    <div style={{ width: 380 }} data-testid="bell-panel">
      <List
        size="small"
        data-testid="bell-list"
        loading={items === null}
        dataSource={items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" /> }}
        style={{ maxHeight: 400, overflow: 'auto' }}
        renderItem={(n) => (
          <List.Item
            data-testid={`bell-item-${n.id}`}
            data-read={n.readAt ? 'true' : 'false'}
            style={{ cursor: 'pointer', background: n.readAt ? undefined : '#fffbe6' }}
            onClick={async () => {
              setOpen(false);
              await openNotification(n, navigate);
              loadCount();
            }}
          >
            <List.Item.Meta
              title={<Typography.Text strong={!n.readAt}>{n.subject}</Typography.Text>}
              description={
                <>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{n.body}</Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatInstant(n.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" onClick={readAll} disabled={!unread} data-testid="bell-read-all">全部已读</Button>
        <Button size="small" type="link" onClick={() => { setOpen(false); navigate('/notifications'); }} data-testid="bell-all">查看全部</Button>
      </Space>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title="站内通知"
      content={content}
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          loadList();
          loadCount();
        }
      }}
    >
      <span data-testid="bell" data-unread={unread} style={{ cursor: 'pointer', display: 'inline-flex' }}>
        <Badge count={unread} overflowCount={99} size="small" data-testid="bell-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </span>
    </Popover>
  );
}
