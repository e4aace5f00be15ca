import { Badge, Tooltip } from 'antd';
import type { LiveState } from '../liveStream';

const TEXT: Record<LiveState, { status: 'success' | 'processing' | 'default'; text: string }> = {
  open: { status: 'success', text: '实时推送已连接' },
  connecting: { status: 'processing', text: '正在连接实时推送…' },
  closed: { status: 'default', text: '实时推送已断开，正在重连' },
};

export function LiveBadge({ state }: { state: LiveState }) {
  const t = TEXT[state];
  return (
    <Tooltip title="新的或变更的监察信号将自动出现，无需刷新页面">
      <span data-testid="sup-live-status" data-state={state}>
        <Badge status={t.status} text={t.text} />
      </span>
    </Tooltip>
  );
}
