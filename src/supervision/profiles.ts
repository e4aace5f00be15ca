// Threshold profiles (SUP-2): when a clock turns 提醒 / yellow / red, as data. Pure.
//
//  成都 §8: "办理时限即将到期 → 黄色预警；超时 → 红色纠错". The shipped *chengdu* profile reads
//  "about to expire" as ≤ 2 working days OR ≤ 20 % of the limit left (whichever comes first).
//  The *promised_legal* profile follows the two limits of 行政许可法 §42 and the promise
//  (CAT-1): reminder 2 days before the promised limit, yellow when it passes, red when the
//  legal limit passes.
//
// A profile maps a clock kind (or '*') to its levels; each level fires at the earliest of its
// `any` thresholds (clock.ts thresholdAt). Which profile a clock uses is bound per clock kind
// and per item (bindings, most specific first).
import type { WorkCalendar } from '../domain/calendar.ts';
import { clockThresholds, type ClockState, type Threshold } from '../domain/clock.ts';
import { LEVEL_RANK, type Level } from './tables.ts';

export interface LevelSpec {
  level: Level;
  any: Threshold[];
}
export type ProfileLevels = Record<string, LevelSpec[]>;

export interface Profile {
  code: string;
  name: string;
  description: string;
  levels: ProfileLevels;
}

const CHENGDU_LEVELS: LevelSpec[] = [
  { level: 'yellow', any: [{ kind: 'before_due', days: 2 }, { kind: 'remaining_fraction', fraction: 0.2 }] },
  { level: 'red', any: [{ kind: 'due' }] },
];

export const BUILTIN_PROFILES: Profile[] = [
  {
    code: 'chengdu',
    name: '成都模式（剩余 2 个工作日或 20% 黄牌，超时红牌）',
    description: '成都市行政审批电子监察暂行办法第八条：即将到期黄色预警，超时红色纠错',
    levels: { '*': CHENGDU_LEVELS },
  },
  {
    code: 'promised_legal',
    name: '承诺/法定模式（承诺期限前 2 日提醒，超承诺期限黄牌，超法定期限红牌）',
    description: '承诺期限届满前 2 日提醒；超过承诺期限黄牌；超过法定期限（行政许可法第四十二条）红牌。其他时限按成都模式。',
    levels: {
      case_promised: [
        { level: 'reminder', any: [{ kind: 'before_due', days: 2 }] },
        { level: 'yellow', any: [{ kind: 'due' }] },
      ],
      case_legal: [{ level: 'red', any: [{ kind: 'due' }] }],
      '*': CHENGDU_LEVELS,
    },
  },
];
export const DEFAULT_PROFILE = 'chengdu';

export function levelsFor(p: Pick<Profile, 'levels'>, clockKind: string): LevelSpec[] {
  return p.levels[clockKind] ?? p.levels['*'] ?? [];
}

export interface Binding {
  clockKind: string;
  itemId: number | null;
  profileCode: string;
}

/** The profile code for a clock: (kind, item) > ('*', item) > (kind) > ('*') > default. */
export function resolveProfile(bindings: readonly Binding[], clockKind: string, itemId: number | null): string {
  const find = (k: string, i: number | null) => bindings.find((b) => b.clockKind === k && b.itemId === i);
  return (
    (itemId !== null ? find(clockKind, itemId) ?? find('*', itemId) : undefined) ??
    find(clockKind, null) ??
    find('*', null)
  )?.profileCode ?? DEFAULT_PROFILE;
}

export interface ThresholdInstant {
  level: Level;
  at: Date;
}

/** Each level's instant on this clock (levels whose instant is unknown during a pause are left out). */
export function thresholdInstants(c: ClockState, cal: WorkCalendar, specs: readonly LevelSpec[], ths = clockThresholds(c, cal)): ThresholdInstant[] {
  const out: ThresholdInstant[] = [];
  for (const s of specs) {
    let best: Date | null = null;
    for (const th of s.any) {
      const at = ths.at(th);
      if (at && (!best || at.getTime() < best.getTime())) best = at;
    }
    if (best) out.push({ level: s.level, at: best });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
}

export interface SweepDecision {
  /** The level to signal now (the highest due one), with its instant; null when none is due. */
  fire: ThresholdInstant | null;
  /** The next instant to look at (null: nothing left). */
  next: Date | null;
}

/**
 * What the timer does with a due clock at `now`: signal the highest level already reached
 * (a lower one reached at the same time is superseded — yellow after red says nothing new),
 * and wait for the first instant after now. A stopped clock signals nothing more.
 */
export function sweepDecision(c: ClockState, cal: WorkCalendar, specs: readonly LevelSpec[], now: Date, ths?: ReturnType<typeof clockThresholds>): SweepDecision {
  if (c.stoppedAt !== null) return { fire: null, next: null };
  const all = thresholdInstants(c, cal, specs, ths ?? clockThresholds(c, cal));
  const t = now.getTime();
  let fire: ThresholdInstant | null = null;
  let next: Date | null = null;
  for (const x of all) {
    if (x.at.getTime() <= t) {
      if (!fire || LEVEL_RANK[x.level] > LEVEL_RANK[fire.level] || (x.level === fire.level && x.at > fire.at)) fire = x;
    } else if (!next || x.at < next) next = x.at;
  }
  return { fire, next };
}

/**
 * The next instant after a change to the clock (pause, resume, extension …): the first
 * threshold not yet covered by a signal. `signalledUpTo` is the latest threshold instant
 * already signalled on this clock (null: none); thresholds at or before it are done.
 */
export function nextAfterChange(c: ClockState, cal: WorkCalendar, specs: readonly LevelSpec[], signalledUpTo: Date | null): Date | null {
  if (c.stoppedAt !== null) return null;
  let next: Date | null = null;
  for (const x of thresholdInstants(c, cal, specs)) {
    if (signalledUpTo && x.at.getTime() <= signalledUpTo.getTime()) continue;
    if (!next || x.at < next) next = x.at;
  }
  return next;
}

/** Validates profile levels sent by an administrator. */
export function checkLevels(levels: ProfileLevels): string | null {
  const kinds = Object.keys(levels);
  if (!kinds.length) return '至少配置一个时限类别';
  for (const k of kinds) {
    const seen = new Set<Level>();
    for (const s of levels[k]) {
      if (seen.has(s.level)) return `时限类别 ${k} 的「${s.level}」重复`;
      seen.add(s.level);
      if (!s.any.length) return `时限类别 ${k} 的「${s.level}」没有阈值`;
    }
  }
  return null;
}
