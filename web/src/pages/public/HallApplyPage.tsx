// 在线申办 (CASE-1, PUB-1): a signed-in applicant fills the item's application — applicant data
// from the real-name account (read-only identity: name, masked ID number or credit code; phone
// and, for organisations, the contact prefilled and editable), materials uploaded against the
// item's list — and gets the case number and the query password (shown once). Visitors are
// sent to sign in first (route guard).
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Descriptions, Form, Input, Result, Space, Spin, Typography } from 'antd';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage, useFeedback } from '../../hooks/useFeedback';
import { validValues } from '../../utils/format';
import type { PublicGuide } from '../catalog/model';
import type { Applied, ApplicantProfile } from '../cases/model';
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
  // The real-name profile (its read is logged as access to personal data, SEC-4).
  const profile = useApiData<{ applicant?: ApplicantProfile }>('/api/auth/me', { include: 'applicant' }, { quiet: true });
  if (profile.loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const p = profile.data?.applicant;
  if (!p) {
    return (
      <Result
        status="warning"
        title="实名信息不完整"
        subTitle={profile.error ? errorMessage(profile.error) : '申请人账户未完成实名信息，不能在线申办。'}
        data-testid="hall-apply"
        extra={<Link to={`/hall/items/${itemId}`}><Button>返回办事指南</Button></Link>}
      />
    );
  }
  return <ApplyFormFor itemId={itemId} profile={p} />;
}

function ApplyFormFor({ itemId, profile }: { itemId: number; profile: ApplicantProfile }) {
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
  const org = profile.kind === 'organisation';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="hall-apply">
      <Breadcrumb items={[{ title: <Link to="/hall">事项目录</Link> }, { title: <Link to={`/hall/items/${g.id}`}>办事指南</Link> }, { title: '在线申办' }]} />
      <Card title={`在线申办：${g.elements.name}`} data-testid="apply-item" extra={g.unitName}>
        {disabled && <Alert type="warning" showIcon title={`该事项已${g.statusName}，暂不受理新的申请`} style={{ marginBottom: 16 }} />}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          title={<Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>身份信息取自实名账户，不能修改</Typography.Text>}
          data-testid="apply-identity"
          items={[
            { key: 'kind', label: '申请人类型', children: <span data-testid="apply-kind">{org ? '法人或其他组织' : '自然人'}</span> },
            { key: 'name', label: org ? '单位名称' : '姓名', children: <span data-testid="apply-applicant">{profile.name}</span> },
            {
              key: 'id',
              label: org ? '统一社会信用代码' : '居民身份证号码',
              children: <span data-testid="apply-id-masked">{profile.idNumberMasked}</span>,
            },
            ...(org ? [{ key: 'agent', label: '经办人', children: <span data-testid="apply-agent">{profile.agentName}</span> }] : []),
          ]}
        />
        <Form<ApplyForm>
          form={form}
          layout="vertical"
          style={{ marginTop: 16, maxWidth: 640 }}
          initialValues={{ phone: profile.phone ?? undefined, contact: org ? profile.agentName ?? undefined : undefined }}
        >
          <Form.Item
            name="phone"
            label="联系电话"
            extra="默认为实名账户登记的手机号，可改为本次申请的联系电话"
            rules={[{ required: true, whitespace: true, message: '请填写联系电话' }, { pattern: /^[\d+\- ]{5,30}$/, message: '请填写有效的联系电话' }]}
          >
            <Input maxLength={30} data-testid="apply-phone" />
          </Form.Item>
          {org && (
            <>
              <Form.Item name="legalRepresentative" label="法定代表人" rules={[{ required: true, whitespace: true, message: '请填写法定代表人' }]}>
                <Input maxLength={50} data-testid="apply-legalRepresentative" />
              </Form.Item>
              <Form.Item name="contact" label="联系人" extra="默认为本账户的经办人">
                <Input maxLength={50} data-testid="apply-contact" />
              </Form.Item>
            </>
          )}
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
