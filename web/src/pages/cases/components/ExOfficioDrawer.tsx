// 依职权立案 (CASE-12): staff of a unit holding a post of the item's flow open a case on their own
// initiative — a penalty, an inspection, an enforcement measure — for a party (person with a
// checked ID number, or organisation with a checked 统一社会信用代码) and the facts it rests on
// (source, when, where, what). The case then waits for 立案 in the to-do list of the filing post.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, DatePicker, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { api } from '../../../api';
import { useMe } from '../../../auth/context';
import { RemoteSelect } from '../../../components/RemoteSelect';
import { errorMessage, useFeedback } from '../../../hooks/useFeedback';
import { validValues } from '../../../utils/format';
import type { Page } from '../../../types';
import type { ItemSummary } from '../../catalog/model';
import { CASE_SOURCES, EX_OFFICIO_TYPES, type Applied } from '../model';
import { isValidCreditCode, isValidIdNumber } from '../labels';
import { AppliedResult } from './AppliedResult';

interface ExOfficioValues {
  itemId?: number;
  kind: 'person' | 'organisation';
  name: string;
  idNumber?: string;
  creditCode?: string;
  legalRepresentative?: string;
  contact?: string;
  phone: string;
  source?: string;
  occurredOn?: Dayjs;
  place?: string;
  summary: string;
}

/** Active items of the user's unit whose type is exercised ex officio. */
function useSearchItems(unitId: number | undefined) {
  return async (q: string) => {
    const page = await api.get<Page<ItemSummary>>('/api/catalog/items', { unitId, status: 'active', q: q || undefined, limit: 50 });
    return page.items
      .filter((i) => EX_OFFICIO_TYPES.includes(i.type))
      .map((i) => ({ value: i.id, label: `${i.name}（${i.typeName}）` }));
  };
}

export function ExOfficioDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (a: Applied) => void }) {
  return (
    <Drawer title="依职权立案" open={open} onClose={onClose} size={640} destroyOnHidden data-testid="exo-drawer">
      {/* mounted per opening: a fresh form each time */}
      {open && <ExOfficioForm onClose={onClose} onCreated={onCreated} />}
    </Drawer>
  );
}

function ExOfficioForm({ onClose, onCreated }: { onClose: () => void; onCreated: (a: Applied) => void }) {
  const me = useMe();
  const feedback = useFeedback();
  const [form] = Form.useForm<ExOfficioValues>();
  const kind = Form.useWatch('kind', form) ?? 'person';
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  const searchItems = useSearchItems(me.unit?.id);

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
              kind: 'organisation', name: v.name.trim(), creditCode: v.creditCode!.trim().toUpperCase(), legalRepresentative: v.legalRepresentative!.trim(),
              contact: v.contact?.trim() || v.legalRepresentative!.trim(), phone: v.phone.trim(),
            };
      const facts = {
        source: v.source, occurredOn: v.occurredOn ? v.occurredOn.format('YYYY-MM-DD') : undefined, place: v.place?.trim() || undefined, summary: v.summary.trim(),
      };
      const r = await api.post<Applied>('/api/cases/ex-officio', { itemId: v.itemId, applicant, facts, materials: [] });
      setApplied(r);
      onCreated(r);
    } catch (e) {
      setError(errorMessage(e));
      feedback.error(e, form, { INVALID_ID_NUMBER: 'idNumber', INVALID_CREDIT_CODE: 'creditCode', INVALID_FACTS: 'occurredOn' });
    } finally {
      setSaving(false);
    }
  };

  if (applied) {
    return (
      <AppliedResult
        title="已登记，待立案"
        applied={applied}
        extra={
          <Space>
            <Link to={`/cases/${applied.caseId}`}>
              <Button type="primary" data-testid="exo-open">打开案件</Button>
            </Link>
            <Button onClick={onClose} data-testid="exo-close">关闭</Button>
          </Space>
        }
      />
    );
  }
  return (
    <Form<ExOfficioValues> form={form} layout="vertical" initialValues={{ kind: 'person', source: 'inspection' }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="适用于行政处罚、行政检查、行政强制等由本单位主动启动的事项；登记后进入本事项立案环节的待办，由立案岗位审查决定是否立案。"
      />
      <Form.Item name="itemId" label="事项" rules={[{ required: true, message: '请选择事项' }]} extra="本单位在用的依职权事项（行政处罚、行政强制、行政征收、行政检查等）">
        <RemoteSelect<number> placeholder="输入事项名称搜索" fetchOptions={searchItems} depsKey={String(me.unit?.id ?? '')} data-testid="exo-item" />
      </Form.Item>
      <Form.Item name="kind" label="当事人类型">
        <Radio.Group
          data-testid="exo-kind"
          options={[
            { value: 'person', label: '自然人' },
            { value: 'organisation', label: '法人或其他组织' },
          ]}
        />
      </Form.Item>
      <Form.Item name="name" label={kind === 'person' ? '当事人姓名' : '单位名称'} rules={[{ required: true, whitespace: true, message: '请填写当事人' }]}>
        <Input maxLength={kind === 'person' ? 50 : 200} data-testid="exo-name" />
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
          <Input maxLength={18} data-testid="exo-idNumber" />
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
            <Input maxLength={18} data-testid="exo-creditCode" />
          </Form.Item>
          <Form.Item name="legalRepresentative" label="法定代表人" rules={[{ required: true, whitespace: true, message: '请填写法定代表人' }]}>
            <Input maxLength={50} data-testid="exo-legalRepresentative" />
          </Form.Item>
          <Form.Item name="contact" label="联系人" extra="不填则为法定代表人">
            <Input maxLength={50} data-testid="exo-contact" />
          </Form.Item>
        </>
      )}
      <Form.Item name="phone" label="联系电话" rules={[{ required: true, whitespace: true, message: '请填写联系电话' }, { min: 5, message: '请填写有效的联系电话' }]}>
        <Input maxLength={30} data-testid="exo-phone" />
      </Form.Item>
      <Form.Item name="source" label="案件来源" rules={[{ required: true, message: '请选择案件来源' }]}>
        <Select options={Object.entries(CASE_SOURCES).map(([value, label]) => ({ value, label }))} data-testid="exo-source" />
      </Form.Item>
      <Space size="middle" style={{ display: 'flex' }} align="start">
        <Form.Item name="occurredOn" label="发生日期">
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="exo-occurredOn" />
        </Form.Item>
        <Form.Item name="place" label="发生地点" style={{ flex: 1, minWidth: 280 }}>
          <Input maxLength={200} data-testid="exo-place" />
        </Form.Item>
      </Space>
      <Form.Item name="summary" label="基本案情" rules={[{ required: true, whitespace: true, message: '请填写基本案情' }]} extra="涉嫌违法的事实、线索和初步证据；登记后作为立案材料随案固定，不能修改">
        <Input.TextArea rows={5} maxLength={4000} showCount data-testid="exo-summary" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="exo-error" />}
      <Space>
        <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="exo-submit">
          登记并提交立案
        </Button>
        <Button onClick={onClose}>取消</Button>
      </Space>
    </Form>
  );
}
