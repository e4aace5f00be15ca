// 在线申办 placeholder: the case-processing pages replace this route. Until then it asks the
// visitor to sign in (or says the service is coming for a signed-in user).
import { Link, useParams } from 'react-router-dom';
import { Button, Result, Space } from 'antd';
import { useAuth } from '../../auth/context';

export default function HallApplyPage() {
  const { itemId } = useParams();
  const { me } = useAuth();
  const next = encodeURIComponent(`/hall/apply/${itemId}`);
  return (
    <Result
      status="info"
      title={me ? '在线申办即将开放' : '请先登录'}
      subTitle={me ? '在线申办功能建设中，请按办事指南到窗口办理。' : '在线申办须使用实名注册的网上政务大厅账户，登录后即可提交申请。'}
      data-testid="hall-apply"
      extra={
        <Space>
          {!me && (
            <>
              <Link to={`/login?next=${next}`}>
                <Button type="primary" data-testid="hall-apply-login">
                  登录
                </Button>
              </Link>
              <Link to="/register">
                <Button>注册账户</Button>
              </Link>
            </>
          )}
          <Link to={`/hall/items/${itemId}`}>
            <Button>返回办事指南</Button>
          </Link>
        </Space>
      }
    />
  );
}
