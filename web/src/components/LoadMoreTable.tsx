// antd Table over a keyset list: no page numbers, a "加载更多" button while nextCursor is set.
import { Button, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { KeysetList } from '../hooks/useKeysetList';

export interface LoadMoreTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  list: KeysetList<T>;
}

export function LoadMoreTable<T extends object>({ list, ...tableProps }: LoadMoreTableProps<T>) {
  return (
    <>
      <Table<T>
        size="middle"
        scroll={{ x: 'max-content' }}
        {...tableProps}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
      />
      <div className="load-more">
        {list.hasMore ? (
          <Button onClick={list.loadMore} loading={list.loadingMore} disabled={list.loading} data-testid="load-more">
            加载更多
          </Button>
        ) : (
          !list.loading &&
          list.items.length > 0 && (
            <Typography.Text type="secondary" data-testid="load-complete">
              已全部加载，共 {list.items.length} 条
            </Typography.Text>
          )
        )}
      </div>
    </>
  );
}
