import { Tag, Tooltip } from 'antd';
import type { ItemStatusOut } from '../model';
import { ITEM_STATUS_COLORS, ITEM_STATUS_LABELS } from '../labels';

/** The status in force; a status that takes effect later is shown beside it. */
export function ItemStatusTag({ status, effective, statusFrom }: { status: ItemStatusOut; effective?: ItemStatusOut; statusFrom?: string | null }) {
  const now = effective ?? status;
  return (
    <>
      <Tag color={ITEM_STATUS_COLORS[now]} data-testid="item-status">
        {ITEM_STATUS_LABELS[now]}
      </Tag>
      {now !== status && (
        <Tooltip title="状态变更经审核通过，尚未到生效日期">
          <Tag color={ITEM_STATUS_COLORS[status]}>
            {statusFrom} 起{ITEM_STATUS_LABELS[status]}
          </Tag>
        </Tooltip>
      )}
    </>
  );
}
