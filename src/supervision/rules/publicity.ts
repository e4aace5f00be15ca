// 成都 §9(1) 公开异常, 四川 §10(一)2, CAT-6 (SUP-12): an item in force whose publicity elements
// are missing or inconsistent (the catalogue's publicity check). Scanned, not event-driven:
// the catalogue keeps publicity_problems on the item, indexed where > 0.
import { z } from 'zod';
import { PUBLICITY_CODES, type PublicityProblem } from '../../catalog/publicity.ts';
import type { Finding } from './types.ts';

export const PublicityParams = z.object({
  /** Problem codes not to signal (e.g. while a region has no online hall yet). */
  ignore: z.array(z.enum(Object.keys(PUBLICITY_CODES) as [string, ...string[]])).default([]),
});
export type PublicityParams = z.infer<typeof PublicityParams>;

export const PUBLICITY_KIND = 'publicity_incomplete';

export function publicityFinding(itemName: string, versionNo: number, problems: PublicityProblem[], params: PublicityParams): Finding | null {
  const left = problems.filter((p) => !params.ignore.includes(p.code));
  if (!left.length) return null;
  return {
    title: '公开异常：应公开的信息不完整',
    explanation: `事项「${itemName}」（第 ${versionNo} 版）${left.map((p) => p.message).join('；')}（成都办法第九条第一项，四川办法第十条第一项）。`,
    eventIds: [],
    data: { problems: left.map((p) => p.code) },
  };
}
