// What a change request changes: old vs new value of every changed element; list elements
// (legal basis, materials, fees, steps, bands) entry by entry (新增 / 删除 / 修改).
import type { HTMLAttributes, ReactNode } from 'react';
import { Table, Tag, Typography } from 'antd';
import type { Elements, ElementKey } from '../model';
import { ELEMENT_ORDER, elementLabel, feeStandardText, fineText, formatLimit, yesNo } from '../labels';
import type { MetaLookup } from '../useCatalogMeta';

const FLOW_FIELDS = new Set(['steps', 'discretion']);
const LIST_FIELDS = new Set(['legalBasis', 'materials', 'fees', 'steps', 'discretion']);

export interface DiffContext {
  meta: MetaLookup;
  unitName: (id: number) => string;
  postName: (code: string) => string;
}

/** Element keys whose content differs (all keys when there is no base). */
export function changedKeys(before: Elements | null, after: Elements): ElementKey[] {
  const keys = ELEMENT_ORDER.filter((k): k is ElementKey => k !== 'status');
  if (!before) return keys;
  return keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

function scalar(field: ElementKey, e: Elements, ctx: DiffContext): ReactNode {
  const { meta } = ctx;
  switch (field) {
    case 'type':
      return `${meta.name('itemTypes', e.type)}（${e.type}）`;
    case 'unitId':
      return ctx.unitName(e.unitId);
    case 'coUnitIds':
      return e.coUnitIds.length ? e.coUnitIds.map(ctx.unitName).join('、') : '无';
    case 'legalLimit':
    case 'promisedLimit':
      return formatLimit(e[field], field === 'promisedLimit' && e.onTheSpot);
    case 'free':
      return e.free ? '不收费' : '收费';
    case 'online':
    case 'annualInspection':
    case 'onTheSpot':
    case 'secret':
      return yesNo(e[field]);
    case 'specialProcedures':
    case 'requiresResultOf':
      return e[field].length ? e[field].map((c) => meta.name('specialProcedures', c)).join('、') : '无';
    case 'keywords':
      return e.keywords.join('、') || '无';
    case 'result':
      return [meta.name('resultKinds', e.result.kind), e.result.name, e.result.validity && `有效期 ${e.result.validity}`].filter(Boolean).join('，');
    case 'implCode':
      return e.implCode ?? '（自动生成）';
    default: {
      const v = e[field];
      return typeof v === 'string' ? v || <Typography.Text type="secondary">（空）</Typography.Text> : JSON.stringify(v);
    }
  }
}

interface Entry {
  key: string;
  text: string;
}

function entries(field: ElementKey, e: Elements, ctx: DiffContext): Entry[] {
  const { meta } = ctx;
  switch (field) {
    case 'legalBasis':
      return e.legalBasis.map((b) => ({ key: `${b.lawName}|${b.article}`, text: `《${b.lawName}》${b.article}：${b.text || '（无条款原文）'}` }));
    case 'materials':
      return e.materials.map((m) => ({
        key: m.code,
        text: `${m.name}（${m.required ? '必要' : '非必要'}，${meta.name('materialForms', m.form)}，${meta.name('materialMedia', m.media)}，${m.count} 份${m.templateFile ? '，有模板' : ''}${m.sampleFile ? '，有样表' : ''}${m.note ? `；${m.note}` : ''}）`,
      }));
    case 'fees':
      return e.fees.map((f) => ({ key: f.name, text: `${f.name}：${feeStandardText(f.standard)}；依据：${f.basis || '—'}` }));
    case 'steps':
      return e.steps.map((s) => ({
        key: s.code,
        text: `${s.code} ${meta.name('stepKinds', s.kind)}「${s.name}」｜岗位 ${ctx.postName(s.postCode)}｜时限 ${formatLimit(s.limit)}｜可退回至 ${s.returnTo.join('、') || '—'}${s.duty ? `｜${s.duty}` : ''}`,
      }));
    case 'discretion':
      return e.discretion.map((b) => ({
        key: b.circumstance,
        text: `${meta.name('circumstances', b.circumstance)}：${b.description}；罚款 ${fineText(b)}${b.otherMeasures ? `；${b.otherMeasures}` : ''}`,
      }));
    default:
      return [];
  }
}

type Mark = 'added' | 'removed' | 'changed';
const MARKS: Record<Mark, { label: string; color: string }> = {
  added: { label: '新增', color: 'green' },
  removed: { label: '删除', color: 'red' },
  changed: { label: '修改', color: 'orange' },
};

function listDiff(before: Entry[], after: Entry[]) {
  const b = new Map(before.map((x) => [x.key, x]));
  const a = new Map(after.map((x) => [x.key, x]));
  const oldSide: (Entry & { mark: Mark })[] = [];
  const newSide: (Entry & { mark: Mark })[] = [];
  for (const x of before) {
    const n = a.get(x.key);
    if (!n) oldSide.push({ ...x, mark: 'removed' });
    else if (n.text !== x.text) oldSide.push({ ...x, mark: 'changed' });
  }
  for (const x of after) {
    const o = b.get(x.key);
    if (!o) newSide.push({ ...x, mark: 'added' });
    else if (o.text !== x.text) newSide.push({ ...x, mark: 'changed' });
  }
  const same = after.filter((x) => b.get(x.key)?.text === x.text).length;
  const reordered = !oldSide.length && !newSide.length && before.map((x) => x.key).join() !== after.map((x) => x.key).join();
  return { oldSide, newSide, same, reordered };
}

function EntryList({ items, struck }: { items: (Entry & { mark: Mark })[]; struck?: boolean }) {
  if (!items.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <ul className="diff-list">
      {items.map((x) => (
        <li key={x.key + x.mark}>
          <Tag color={MARKS[x.mark].color}>{MARKS[x.mark].label}</Tag>
          <span className={struck && x.mark === 'removed' ? 'diff-removed' : undefined}>{x.text}</span>
        </li>
      ))}
    </ul>
  );
}

interface Row {
  field: ElementKey;
  before: ReactNode;
  after: ReactNode;
  note?: string;
}

export function ChangeDiff({ before, after, ctx, baseLabel }: { before: Elements; after: Elements; ctx: DiffContext; baseLabel: string }) {
  const rows: Row[] = changedKeys(before, after).map((field) => {
    if (!LIST_FIELDS.has(field)) return { field, before: scalar(field, before, ctx), after: scalar(field, after, ctx) };
    const d = listDiff(entries(field, before, ctx), entries(field, after, ctx));
    return {
      field,
      before: <EntryList items={d.oldSide} struck />,
      after: <EntryList items={d.newSide} />,
      note: d.reordered ? '顺序调整' : d.same ? `其余 ${d.same} 项未变` : undefined,
    };
  });
  return (
    <Table<Row>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '与现行版本相同，没有变更' }}
      data-testid="change-diff"
      onRow={(r) => ({ 'data-testid': `diff-${r.field}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: '要素',
          dataIndex: 'field',
          width: 170,
          render: (f: string, r) => (
            <>
              <div>
                <Typography.Text strong>{elementLabel(f)}</Typography.Text>
              </div>
              <Tag color={FLOW_FIELDS.has(f) ? 'purple' : 'blue'}>{FLOW_FIELDS.has(f) ? '法制审核' : '编办审核'}</Tag>
              {r.note && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.note}</Typography.Text></div>}
            </>
          ),
        },
        { title: `原内容（${baseLabel}）`, dataIndex: 'before', render: (v: ReactNode) => <div className="diff-old">{v}</div> },
        { title: '变更后', dataIndex: 'after', render: (v: ReactNode) => <div className="diff-new">{v}</div> },
      ]}
    />
  );
}
