// 在线申办 (CASE-1, PUB-1): a signed-in applicant fills the item's application — applicant data
// from the real-name account, materials uploaded against the item's list — and gets the case
// number and the query password (shown once). Visitors are sent to sign in first (route guard).
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Descriptions, Form, Input, Result, Space, Spin } from 'antd';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage, useFeedback } from '../../hooks/useFeedback';
import { validValues } from '../../utils/format';
import type { PublicGuide } from '../catalog/model';
import type { Applied } from '../cases/model';
import { AppliedResult } from '../cases/components/AppliedResult';
import { MaterialsInput, missingRequired, toMaterialInputs, type MaterialDrafts, type MaterialRow } from '../cases/components/MaterialsInput';

interface ApplyForm {
  phone?: string;
  legalRepresentative?: string;
  contact?: string;
}

export default function HallApplyPage() {
  const { itemId } = useParams();
  const { me } = useAuth();
  // Under <RequireAuth>: a visitor is sent to /login?next=/hall/apply/:itemId.
  if (me?.kind !== 'applicant') {
    return (
      <Result
        status="warning"
        title="仅限申请人账户在线申办"
        subTitle="工作人员账户不能在网上办事大厅提交申请；窗口收件请使用办件工作台的“窗口收件”。"
        data-testid="hall-apply"
        extra={<Link to={`/hall/items/${itemId}`}><Button>返回办事指南</Button></Link>}
      />
    );
  }
  return <ApplyForm itemId={Number(itemId)} />;
}

function ApplyForm({ itemId }: { itemId: number }) {
  const { me } = useAuth();
  const feedback = useFeedback();
  const [form] = Form.useForm<ApplyForm>();
  const [drafts, setDrafts] = useState<MaterialDrafts>({});
  const [saving, setSaving] = useState(false);
  const [applied, setApplied] = useState<Applied | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { data: g, loading, error: loadError } = useApiData<PublicGuide>(`/api/public/items/${itemId}`, undefined, { quiet: true });

  if (!g) {
    if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    return <Result status="404" title="事项不存在或未公开" subTitle={errorMessage(loadError)} extra={<Link to="/hall"><Button type="primary">返回事项目录</Button></Link>} />;
  }

  const rows: MaterialRow[] = g.materials.map((m) => ({ key: m.code, code: m.code, name: m.name, required: m.required, hint: m.note || undefined }));

  if (applied) {
    return (
      <Card>
        <AppliedResult
          applied={applied}
          extra={
            <Space>
              <Link to={`/hall/my-cases/${applied.caseId}`}>
                <Button type="primary" data-testid="applied-open">查看办理进度</Button>
              </Link>
              <Link to="/hall/my-cases"><Button>我的办件</Button></Link>
            </Space>
          }
        />
      </Card>
    );
  }

  const submit = async () => {
    const values = await validValues(form);
    if (!values) return;
    const missing = missingRequired(rows, drafts);
    if (missing.length) {
      setError(`请上传必交材料：${missing.map((m) => m.name).join('、')}`);
      return;
    }
    setError(null);
    setSaving(true);
    try {
      const materials = await toMaterialInputs(rows, drafts);
      const r = await api.post<Applied>('/api/public/cases', {
        itemId,
        phone: values.phone?.trim() || undefined,
        legalRepresentative: values.legalRepresentative?.trim() || undefined,
        contact: values.contact?.trim() || undefined,
        materials,
      });
      setApplied(r);
    } catch (e) {
      setError(errorMessage(e));
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  const disabled = g.status !== 'active';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="hall-apply">
      <Breadcrumb items={[{ title: <Link to="/hall">事项目录</Link> }, { title: <Link to={`/hall/items/${g.id}`}>办事指南</Link> }, { title: '在线申办' }]} />
      <Card title={`在线申办：${g.elements.name}`} data-testid="apply-item" extra={g.unitName}>
        {disabled && <Alert type="warning" showIcon title={`该事项已${g.statusName}，暂不受理新的申请`} style={{ marginBottom: 16 }} />}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'name', label: '申请人', children: <span data-testid="apply-applicant">{me?.displayName}</span> },
            { key: 'real', label: '身份信息', children: '取自实名账户（证件号码、单位名称和统一社会信用代码由系统自动填入）' },
          ]}
        />
        <Form form={form} layout="vertical" style={{ marginTop: 16, maxWidth: 640 }}>
          <Form.Item name="phone" label="联系电话" extra="不填则使用实名账户登记的手机号" rules={[{ pattern: /^[\d+\- ]{5,30}$/, message: '请填写有效的联系电话' }]}>
            <Input maxLength={30} data-testid="apply-phone" />
          </Form.Item>
          <Form.Item name="legalRepresentative" label="法定代表人" extra="以法人或其他组织账户申请时必填">
            <Input maxLength={50} data-testid="apply-legalRepresentative" />
          </Form.Item>
          <Form.Item name="contact" label="联系人">
            <Input maxLength={50} data-testid="apply-contact" />
          </Form.Item>
        </Form>
      </Card>
      <Card title="申请材料" extra="每份材料不超过 5 MB">
        {rows.length ? <MaterialsInput rows={rows} value={drafts} onChange={setDrafts} testId="apply-materials" /> : '本事项无须提交申请材料'}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="apply-error" />}
        <div style={{ marginTop: 16 }}>
          <Button type="primary" size="large" loading={saving} disabled={disabled} onClick={() => void submit()} data-testid="apply-submit">
            提交申请
          </Button>
        </div>
      </Card>
    </Space>
  );
}
