// Element sets for power-library tests: a valid permit of a demo unit, overridable per test.
import type { Harness } from './app.ts';
import type { ItemElementsInput } from '../../src/catalog/elements.ts';

let seq = 0;
/** A fresh 12-character base code per call, so tests never collide on 实施编码. */
export const nextBaseCode = () => `T${String(Date.now() % 1e6).padStart(6, '0')}${String(++seq).padStart(5, '0')}`.slice(0, 12).toUpperCase();

export function permitElements(unitId: number, over: Partial<ItemElementsInput> = {}): ItemElementsInput {
  return {
    baseCode: nextBaseCode(), name: '测试经营许可', type: '01', unitId,
    legalBasis: [{ lawName: '中华人民共和国行政许可法', article: '第十二条', text: '下列事项可以设定行政许可……' }],
    conditions: '申请人具有与经营项目相适应的场所', materials: [{ code: 'm1', name: '申请书', required: true, form: 'original', media: 'both', count: 1 }],
    externalProcedure: '申请—受理—审查—决定—送达', legalLimit: { days: 20, unit: 'workday' }, promisedLimit: { days: 10, unit: 'workday' },
    free: true, result: { kind: 'certificate', name: '测试许可证', validity: '5年' }, office: '市政务服务中心', address: '绵阳市涪城区', hours: '工作日 9:00-17:00',
    consultPhone: '0816-12345', complaintPhone: '0816-12388', keywords: ['测试'],
    steps: [
      { code: 's1', kind: 'accept', name: '受理', postCode: 'accept', duty: '收件受理', limit: { days: 1, unit: 'workday' }, returnTo: [] },
      { code: 's2', kind: 'handle', name: '承办', postCode: 'handle', duty: '审查', limit: { days: 5, unit: 'workday' }, returnTo: ['s1'] },
      { code: 's3', kind: 'approve', name: '批准', postCode: 'approve', duty: '决定', limit: { days: 3, unit: 'workday' }, returnTo: ['s2'] },
    ],
    ...over,
  };
}

export async function unitId(h: Harness, name: string): Promise<number> {
  return (await h.tdb.database.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
