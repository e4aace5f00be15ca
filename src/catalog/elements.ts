// The element set of an item (CAT-1, CAT-4) as drafted, reviewed and published: one zod
// schema shared by the API, the Excel/JSON import and the stored versions. Format checks
// live here; rules of law (codes, limits, flow) live in validate.ts with stable codes.
import { z } from 'zod';
import { CIRCUMSTANCES, ITEM_TYPES, SPECIAL_PROCEDURES, STEP_KINDS } from '../domain/item.ts';
import { canonicalJson } from '../store/event-chain.ts';

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const ItemTypeSchema = z.enum(keys(ITEM_TYPES));
export const StepKindSchema = z.enum(keys(STEP_KINDS));
export const SpecialProcedureSchema = z.enum(keys(SPECIAL_PROCEDURES));
export const CircumstanceSchema = z.enum(keys(CIRCUMSTANCES));
export const DayUnitSchema = z.enum(['workday', 'natural']);
export const ItemStatusSchema = z.enum(['active', 'paused', 'cancelled']);
export const ITEM_STATUS_NAMES = { draft: '未发布', active: '在用', paused: '暂停', cancelled: '取消' } as const;
export const DAY_UNIT_NAMES = { workday: '工作日', natural: '自然日' } as const;

const text = (max: number) => z.string().trim().max(max).default('');
const FileHash = z.string().regex(/^[0-9a-f]{64}$/, '文件标识应为 64 位十六进制 SHA-256').nullable().default(null);

export const TimeLimitSchema = z.object({ days: z.number().int().min(0).max(3650), unit: DayUnitSchema });

export const LegalBasisSchema = z.object({
  lawName: z.string().trim().min(1, '请填写法律法规名称').max(200),
  article: text(100),
  text: text(5000),
});

export const MATERIAL_FORMS = { original: '原件', copy: '复印件', original_and_copy: '原件和复印件' } as const;
export const MATERIAL_MEDIA = { paper: '纸质', electronic: '电子', both: '纸质或电子' } as const;

export const MaterialSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, '材料编码为 1–16 位字母、数字、下划线或连字符'),
  name: z.string().trim().min(1, '请填写材料名称').max(200),
  required: z.boolean().default(true),
  form: z.enum(keys(MATERIAL_FORMS)).default('original'),
  media: z.enum(keys(MATERIAL_MEDIA)).default('both'),
  count: z.number().int().min(1).max(100).default(1),
  templateFile: FileHash,
  sampleFile: FileHash,
  note: text(1000),
});

export const FeeStandardSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), amount: z.string().max(20) }),
  z.object({ kind: z.literal('range'), min: z.string().max(20), max: z.string().max(20) }),
  z.object({ kind: z.literal('rate'), perUnit: z.string().max(20), unitName: z.string().trim().min(1).max(20) }),
]);
export const FeeSchema = z.object({ name: z.string().trim().min(1).max(200), basis: text(1000), standard: FeeStandardSchema });

export const StepSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, '环节编码为 1–16 位字母、数字、下划线或连字符'),
  kind: StepKindSchema,
  name: z.string().trim().min(1).max(50),
  postCode: z.string().trim().min(1).max(32),
  duty: text(2000),
  limit: TimeLimitSchema,
  returnTo: z.array(z.string().max(16)).max(30).default([]),
});

export const BandSchema = z.object({
  circumstance: CircumstanceSchema,
  description: z.string().trim().min(1, '请描述情节').max(2000),
  minFine: z.string().max(20).nullable().default(null),
  maxFine: z.string().max(20).nullable().default(null),
  otherMeasures: z.string().trim().max(1000).nullable().default(null),
});

export const RESULT_KINDS = { certificate: '证照', approval_document: '批文', decision: '决定书', other: '其他', none: '无' } as const;

export const ElementsSchema = z.object({
  baseCode: z.string().trim().max(40),
  /** The one digit between the unit's credit code and the base code in 实施编码. */
  implFlag: z.string().regex(/^\d$/, '实施编码标识位为 1 位数字').default('1'),
  /** Optional: when given it must equal the code derived from the unit (CAT-1, CAT-8). */
  implCode: z.string().trim().max(40).nullable().default(null),
  name: z.string().trim().min(2, '事项名称至少 2 个字').max(200),
  type: ItemTypeSchema,
  unitId: z.number().int().positive(),
  entrustedUnit: text(200),
  coUnitIds: z.array(z.number().int().positive()).max(20).default([]),
  legalBasis: z.array(LegalBasisSchema).max(50).default([]),
  conditions: text(5000),
  quantityLimit: text(1000),
  materials: z.array(MaterialSchema).max(100).default([]),
  externalProcedure: text(5000),
  legalLimit: TimeLimitSchema,
  promisedLimit: TimeLimitSchema,
  specialProcedures: z.array(SpecialProcedureSchema).max(8).default([]),
  requiresResultOf: z.array(SpecialProcedureSchema).max(8).default([]),
  free: z.boolean().default(true),
  fees: z.array(FeeSchema).max(50).default([]),
  result: z.object({ kind: z.enum(keys(RESULT_KINDS)).default('none'), name: text(200), validity: text(100) }).default({ kind: 'none', name: '', validity: '' }),
  office: text(200),
  address: text(300),
  hours: text(200),
  consultPhone: text(40),
  complaintPhone: text(40),
  online: z.boolean().default(false),
  onlineUrl: text(500),
  annualInspection: z.boolean().default(false),
  onTheSpot: z.boolean().default(false),
  keywords: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  secret: z.boolean().default(false),
  secretDoc: text(200),
  steps: z.array(StepSchema).max(30).default([]),
  discretion: z.array(BandSchema).max(4).default([]),
});

export type ItemElements = z.output<typeof ElementsSchema>;
export type ItemElementsInput = z.input<typeof ElementsSchema>;
export type Material = z.output<typeof MaterialSchema>;

/** CAT-3: internal flow and discretion go to 法制; everything else is a basic element (编办). */
export const FLOW_FIELDS = ['steps', 'discretion'] as const;
export const BASIC_FIELDS = (Object.keys(ElementsSchema.shape) as (keyof ItemElements)[]).filter(
  (k) => !(FLOW_FIELDS as readonly string[]).includes(k),
);

/** Field names whose content differs between two element sets. */
export function changedFields(before: ItemElements | null, after: ItemElements): (keyof ItemElements)[] {
  const all = Object.keys(ElementsSchema.shape) as (keyof ItemElements)[];
  if (!before) return all;
  return all.filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null));
}

export function partsOf(fields: string[]): ('basic' | 'flow')[] {
  const parts: ('basic' | 'flow')[] = [];
  if (fields.some((f) => !(FLOW_FIELDS as readonly string[]).includes(f))) parts.push('basic');
  if (fields.some((f) => (FLOW_FIELDS as readonly string[]).includes(f))) parts.push('flow');
  return parts;
}

/** Parses stored or imported elements; throws a ZodError when malformed. */
export function parseElements(v: unknown): ItemElements {
  return ElementsSchema.parse(v);
}

/** The text searched by the public catalogue: name and keywords. */
export function searchTextOf(e: Pick<ItemElements, 'name' | 'keywords'>): string {
  return [e.name, ...e.keywords].join(' ');
}
