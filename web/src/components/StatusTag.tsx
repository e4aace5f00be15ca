import { Tag } from 'antd';

export function StatusTag({ active, locked }: { active: boolean; locked?: boolean }) {
  return (
    <>
      {active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
      {locked && <Tag color="red">已锁定</Tag>}
    </>
  );
}
