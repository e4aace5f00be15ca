// 窗口收件 (CASE-1): the window clerk enters a walk-in application for a person (ID number with
// its check digit) or an organisation (统一社会信用代码), scans the materials of the item's list
// (or marks paper travelling with the case) → case number and query password, shown once.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Radio, Space } from 'antd';
import { api } from '../../api';
import { PageCard } from '../../components/PageCard';
import { RemoteSelect } from '../../components/RemoteSelect';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage, useFeedback } from '../../hooks/useFeedback';
import { validValues } from '../../utils/format';
import type { PublicGuide } from '../catalog/model';
import type { Applied } from './model';
import { isValidCreditCode, isValidIdNumber } from './labels';
import { searchItems } from './CaseListPage';
import { AppliedResult } from './components/AppliedResult';
import { MaterialsInput, toMaterialInputs, type MaterialDrafts, type MaterialRow } from './components/MaterialsInput';

interface EntryForm {
  itemId?: number;
  kind: 'person' | 'organisation';
  name: string;
  idNumber?: string;
  creditCode?: string;
  legalRepresentative?: string;
  contact?: string;
  phone: string;
}

export default function WindowEntryPage() {
  const feedback = useFeedback();
  const [form] = Form.useForm<EntryForm>();
  const itemId = Form.useWatch('itemId', form);
  const kind = Form.useWatch('kind', form) ?? 'person';
  const guide = useApiData<PublicGuide>(itemId ? `/api/public/items/${itemId}` : null);
  const [drafts, setDrafts] = useState<MaterialDrafts>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  const rows: MaterialRow[] = (guide.data?.materials ?? []).map((m) => ({ key: m.code, code: m.code, name: m.name, required: m.required }));

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const applicant =
        v.kind === 'person'
          ? { kind: 'person', name: v.name.trim(), idType: 'id_card', idNumber: v.idNumber!.trim().toUpperCase(), phone: v.phone.trim() }
          : {
              kind: 'organisation', name: v.name.trim(), creditCode: v.creditCode!.trim().toUpperCase(),
              legalRepresentative: v.legalRepresentative!.trim(), contact: v.contact!.trim(), phone: v.phone.trim(),
            };
      const r = await api.post<Applied>('/api/cases', { itemId: v.itemId, applicant, materials: await toMaterialInputs(rows, drafts) });
      setApplied(r);
    } catch (e) {
      setError(errorMessage(e));
      feedback.error(e, form, { INVALID_ID_NUMBER: 'idNumber', INVALID_CREDIT_CODE: 'creditCode' });
    } finally {
      setSaving(false);
    }
  };

  if (applied) {
    return (
      <PageCard title="窗口收件">
        <AppliedResult
          title="收件成功"
          applied={applied}
          extra={
            <Space>
              <Link to={`/cases/${applied.caseId}`}>
                <Button type="primary" data-testid="applied-open">打开办件</Button>
              </Link>
              <Button
                onClick={() => {
                  setApplied(null);
                  setDrafts({});
                  form.resetFields();
                }}
              >
                继续收件
              </Button>
            </Space>
          }
        />
      </PageCard>
    );
  }

  return (
    <PageCard title="窗口收件">
      <Form<EntryForm> form={form} layout="vertical" initialValues={{ kind: 'person' }} style={{ maxWidth: 720 }}>
        <Form.Item name="itemId" label="申请事项" rules={[{ required: true, message: '请选择事项' }]}>
          <RemoteSelect<number> placeholder="输入事项名称搜索已公开的事项" fetchOptions={searchItems} onChange={() => setDrafts({})} data-testid="entry-item" />
        </Form.Item>
        <Form.Item name="kind" label="申请人类型">
          <Radio.Group
            data-testid="entry-kind"
            options={[
              { value: 'person', label: '自然人' },
              { value: 'organisation', label: '法人或其他组织' },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={kind === 'person' ? '姓名' : '单位名称'} rules={[{ required: true, whitespace: true, message: '请填写申请人名称' }]}>
          <Input maxLength={kind === 'person' ? 50 : 200} data-testid="entry-name" />
        </Form.Item>
        {kind === 'person' ? (
          <Form.Item
            name="idNumber"
            label="居民身份证号码"
            rules={[
              { required: true, whitespace: true, message: '请填写身份证号码' },
              { validator: async (_, v?: string) => { if (v && !isValidIdNumber(v)) throw new Error('身份证号码无效（校验位不正确）'); } },
            ]}
          >
            <Input maxLength={18} data-testid="entry-idNumber" />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="creditCode"
              label="统一社会信用代码"
              rules={[
                { required: true, whitespace: true, message: '请填写统一社会信用代码' },
                { validator: async (_, v?: string) => { if (v && !isValidCreditCode(v)) throw new Error('统一社会信用代码无效（校验位不正确）'); } },
              ]}
            >
              <Input maxLength={18} data-testid="entry-creditCode" />
            </Form.Item>
            <Form.Item name="legalRepresentative" label="法定代表人" rules={[{ required: true, whitespace: true, message: '请填写法定代表人' }]}>
              <Input maxLength={50} data-testid="entry-legalRepresentative" />
            </Form.Item>
            <Form.Item name="contact" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}>
              <Input maxLength={50} data-testid="entry-contact" />
            </Form.Item>
          </>
        )}
        <Form.Item name="phone" label="联系电话" rules={[{ required: true, whitespace: true, message: '请填写联系电话' }, { min: 5, message: '请填写有效的联系电话' }]}>
          <Input maxLength={30} data-testid="entry-phone" />
        </Form.Item>
      </Form>
      {itemId && (
        <Card size="small" title="申请材料（扫描上传，或勾选纸质材料随案流转）" loading={guide.loading} style={{ marginBottom: 16 }}>
          {rows.length ? <MaterialsInput rows={rows} value={drafts} onChange={setDrafts} paper testId="entry-materials" /> : '本事项无须提交申请材料'}
        </Card>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="entry-error" />}
      <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="entry-submit">
        收件并生成办件
      </Button>
    </PageCard>
  );
}
