// Form values of the drafting form ↔ the element set the API takes, and the mapping of the
// server's problems (details.problems[].field, details.issues[].path) onto form fields.
import type { FormInstance } from 'antd';
import { isApiError } from '../../../api';
import type { Elements, FeeStandard, Problem, ResultKind, TimeLimit } from '../model';
import { elementLabel } from '../labels';

export interface FeeStandardValues {
  kind: FeeStandard['kind'];
  amount?: string;
  min?: string;
  max?: string;
  perUnit?: string;
  unitName?: string;
}

export interface DraftValues extends Omit<Elements, 'fees' | 'discretion' | 'implCode' | 'type' | 'unitId'> {
  type?: string;
  unitId?: number;
  implCode: string;
  fees: { name: string; basis: string; standard: FeeStandardValues }[];
  discretion: { circumstance?: string; description: string; minFine?: string; maxFine?: string; otherMeasures?: string }[];
}

export function emptyDraft(unitId: number | undefined): DraftValues {
  return {
    baseCode: '',
    implFlag: '1',
    implCode: '',
    name: '',
    type: undefined,
    unitId,
    entrustedUnit: '',
    coUnitIds: [],
    legalBasis: [{ lawName: '', article: '', text: '' }],
    conditions: '',
    quantityLimit: '',
    materials: [],
    externalProcedure: '',
    legalLimit: { days: 20, unit: 'workday' },
    promisedLimit: { days: 10, unit: 'workday' },
    specialProcedures: [],
    requiresResultOf: [],
    free: true,
    fees: [],
    result: { kind: 'none', name: '', validity: '' },
    office: '',
    address: '',
    hours: '',
    consultPhone: '',
    complaintPhone: '',
    online: false,
    onlineUrl: '',
    annualInspection: false,
    onTheSpot: false,
    keywords: [],
    secret: false,
    secretDoc: '',
    steps: [],
    discretion: [],
  };
}

export function toDraftValues(e: Elements): DraftValues {
  return {
    ...e,
    implCode: e.implCode ?? '',
    fees: e.fees.map((f) => ({ name: f.name, basis: f.basis, standard: { ...f.standard } as FeeStandardValues })),
    discretion: e.discretion.map((b) => ({
      circumstance: b.circumstance,
      description: b.description,
      minFine: b.minFine ?? '',
      maxFine: b.maxFine ?? '',
      otherMeasures: b.otherMeasures ?? '',
    })),
  };
}

const t = (s: string | undefined | null): string => (s ?? '').trim();
const orNull = (s: string | undefined | null): string | null => (t(s) === '' ? null : t(s));
const limit = (l: Partial<TimeLimit> | undefined): TimeLimit => ({ days: Number(l?.days ?? 0) || 0, unit: l?.unit ?? 'workday' });

function feeStandard(s: FeeStandardValues): FeeStandard {
  if (s.kind === 'range') return { kind: 'range', min: t(s.min), max: t(s.max) };
  if (s.kind === 'rate') return { kind: 'rate', perUnit: t(s.perUnit), unitName: t(s.unitName) };
  return { kind: 'fixed', amount: t(s.amount) };
}

/** The element set for POST/PATCH /api/catalog/changes (strings trimmed, empty fines null). */
export function toElements(v: DraftValues): Elements {
  return {
    baseCode: t(v.baseCode).toUpperCase(),
    implFlag: t(v.implFlag) || '1',
    implCode: orNull(v.implCode),
    name: t(v.name),
    type: v.type ?? '',
    unitId: v.unitId ?? 0,
    entrustedUnit: t(v.entrustedUnit),
    coUnitIds: v.coUnitIds ?? [],
    legalBasis: (v.legalBasis ?? []).map((b) => ({ lawName: t(b.lawName), article: t(b.article), text: t(b.text) })),
    conditions: t(v.conditions),
    quantityLimit: t(v.quantityLimit),
    materials: (v.materials ?? []).map((m) => ({
      code: t(m.code),
      name: t(m.name),
      required: !!m.required,
      form: m.form,
      media: m.media,
      count: Number(m.count) || 1,
      templateFile: m.templateFile || null,
      sampleFile: m.sampleFile || null,
      note: t(m.note),
    })),
    externalProcedure: t(v.externalProcedure),
    legalLimit: limit(v.legalLimit),
    promisedLimit: limit(v.promisedLimit),
    specialProcedures: v.specialProcedures ?? [],
    requiresResultOf: v.requiresResultOf ?? [],
    free: !!v.free,
    fees: v.free ? [] : (v.fees ?? []).map((f) => ({ name: t(f.name), basis: t(f.basis), standard: feeStandard(f.standard) })),
    result: { kind: (v.result?.kind ?? 'none') as ResultKind, name: t(v.result?.name), validity: t(v.result?.validity) },
    office: t(v.office),
    address: t(v.address),
    hours: t(v.hours),
    consultPhone: t(v.consultPhone),
    complaintPhone: t(v.complaintPhone),
    online: !!v.online,
    onlineUrl: t(v.onlineUrl),
    annualInspection: !!v.annualInspection,
    onTheSpot: !!v.onTheSpot,
    keywords: (v.keywords ?? []).map(t).filter(Boolean),
    secret: !!v.secret,
    secretDoc: v.secret ? t(v.secretDoc) : '',
    steps: (v.steps ?? []).map((s) => ({
      code: t(s.code),
      kind: s.kind,
      name: t(s.name),
      postCode: s.postCode,
      duty: t(s.duty),
      limit: limit(s.limit),
      returnTo: s.returnTo ?? [],
    })),
    discretion: (v.discretion ?? []).map((b) => ({
      circumstance: b.circumstance as Elements['discretion'][number]['circumstance'],
      description: t(b.description),
      minFine: orNull(b.minFine),
      maxFine: orNull(b.maxFine),
      otherMeasures: orNull(b.otherMeasures),
    })),
  };
}

/** The next free code `prefix<n>` among `codes` (m1, m2 … / s1, s2 …). */
export function nextCode(prefix: string, codes: (string | undefined)[]): string {
  const used = new Set(codes);
  let n = codes.length + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

// ---------------------------------------------------------------- server problems → fields

export interface PlacedProblem extends Problem {
  /** Where the message went in the form (null: only in the summary). */
  placed: (string | number)[] | null;
  /** Readable location, e.g. 申请材料 第 2 项. */
  where: string;
}

/** `details.problems` of a rule refusal, or the zod issues of a 400 VALIDATION_FAILED. */
export function problemsOf(err: unknown): Problem[] {
  if (!isApiError(err)) return [];
  const d = err.details as { problems?: unknown } | undefined;
  if (Array.isArray(d?.problems)) return d.problems as Problem[];
  return err.issues.map((i) => ({ code: err.code, message: i.message, field: i.path }));
}

function pathOf(field: string): (string | number)[] {
  const parts = field.split(/[./]/).filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  if (parts[0] === 'elements') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function whereOf(path: (string | number)[]): string {
  if (!path.length) return '';
  const [head, index] = path;
  return typeof index === 'number' ? `${elementLabel(String(head))} 第 ${index + 1} 项` : elementLabel(String(head));
}

// Object-valued elements show their errors on one of their inputs.
const SUFFIXES: (string | number)[][] = [[], ['days'], ['kind'], ['description'], ['name'], ['lawName']];

/** Shows each problem under its form field (or the nearest enclosing one); returns them for the summary. */
export function placeProblems(form: FormInstance, problems: Problem[]): PlacedProblem[] {
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const out: PlacedProblem[] = [];
  for (const p of problems) {
    const path = p.field ? pathOf(p.field) : [];
    let placed: (string | number)[] | null = null;
    for (let len = path.length; len > 0 && !placed; len--) {
      for (const suffix of SUFFIXES) {
        const cand = [...path.slice(0, len), ...suffix];
        if (registered.has(JSON.stringify(cand))) {
          placed = cand;
          break;
        }
      }
    }
    if (placed) {
      const key = JSON.stringify(placed);
      const entry = byField.get(key) ?? { name: placed, errors: [] };
      entry.errors.push(p.message);
      byField.set(key, entry);
    }
    out.push({ ...p, placed, where: whereOf(path) });
  }
  form.setFields([...byField.values()]);
  return out;
}
