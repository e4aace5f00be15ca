// Shows a generated initial password exactly once (after create or reset).
import { Alert, Modal, Space, Typography } from 'antd';

export interface InitialPassword {
  username: string;
  displayName: string;
  password: string;
  reason: 'created' | 'reset';
}

export function InitialPasswordModal({ value, onClose }: { value: InitialPassword | null; onClose: () => void }) {
  return (
    <Modal
      open={!!value}
      title={value?.reason === 'reset' ? '密码已重置' : '用户已创建'}
      onOk={onClose}
      onCancel={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
    >
      {value && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text>
            用户 {value.displayName}（{value.username}）的初始密码：
          </Typography.Text>
          <Typography.Text code copyable={{ text: value.password, tooltips: ['复制', '已复制'] }} style={{ fontSize: 20 }} data-testid="initial-password">
            {value.password}
          </Typography.Text>
          <Alert
            type="warning"
            showIcon
            title="初始密码仅显示这一次，请通过安全渠道告知用户。用户首次登录后须修改密码。"
          />
        </Space>
      )}
    </Modal>
  );
}
