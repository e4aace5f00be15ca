// Small helpers shared by the rule implementations. Pure.
import { z } from 'zod';
import type { RuleEvent } from './types.ts';

/** Reasons that say nothing (成都 §9(3)–(6): "未依法说明理由"). */
export const PLACEHOLDER_REASONS = ['无', '暂无', '略', '其他', '其它', '同意', '不同意', '不符合', '不符合条件', '不予受理', '不予许可', '见附件', '详见附件', '/', '-', '.', '…', 'x', 'X'];

export const ReasonParams = z.object({
  /** The shortest reason that can say why (characters, punctuation and spaces ignored). */
  minChars: z.number().int().min(1).max(50).default(4),
  placeholders: z.array(z.string()).default(PLACEHOLDER_REASONS),
});
export type ReasonParams = z.infer<typeof ReasonParams>;

/** True when the text gives no reason: absent, blank, too short, or a placeholder. */
export function lacksReason(text: unknown, p: ReasonParams): boolean {
  if (typeof text !== 'string') return true;
  const t = text.trim();
  if (!t || p.placeholders.includes(t)) return true;
  const meaningful = t.replace(/[\s\p{P}\p{S}]/gu, '');
  return meaningful.length < p.minChars;
}

export const eventsOf = (events: RuleEvent[], ...types: string[]) => events.filter((e) => types.includes(e.type));

export const quote = (s: unknown) => (typeof s === 'string' && s.trim() ? `「${s.trim()}」` : '（空）');

export const fmtTime = (d: Date) => {
  const iso = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
};
