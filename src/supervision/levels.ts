// Region levels of a materialised path ('/510000/510700/510703/'), for rules enabled per level
// (SUP-5) and the patrol frequencies per level (四川 §11(二)).
import { regionLevelOf } from '../domain/validators.ts';

export const REGION_LEVEL_NAMES: Record<string, string> = { province: '省级', city: '市（州）级', county: '县（市、区）级', township: '乡镇（街道）' };

export const regionCodeOfPath = (path: string) => path.split('/').filter(Boolean).at(-1) ?? '';

export function regionLevelOfPath(path: string): string {
  try {
    return regionLevelOf(regionCodeOfPath(path));
  } catch {
    return 'county';
  }
}
