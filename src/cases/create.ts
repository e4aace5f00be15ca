// Applying (CASE-1): online by the applicant's real-name account, at a window by a clerk (the
// same day), or ex officio (立案 of a penalty, CASE-12). Materials are stored content-addressed
// (SHA-256 of the bytes, ARCHITECTURE Integrity) and named by hash in the 'case.applied'
// event; paper materials may travel with the case. The case gets its 办件流水号 and a query
// password (shown once; only its scrypt hash is kept). A joint item (CASE-9) makes a combined
// case with a sub-case per unit. Everything runs through the command service.
import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { GENESIS, appendEvents } from '../store/event-chain.ts';
import { hashPassword } from '../access/password.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { assertItemAcceptsCases } from '../catalog/items.ts';
import { storeFile } from '../catalog/files.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import type { ItemVersionSpec } from '../domain/item.ts';
import { initialCaseState, type Applicant, type Channel, type MaterialRef } from '../domain/case-machine.ts';
import { CASE_EVENTS, streamOf } from './register.ts';
import { executeCommand, refusalError, type CommandMeta, type IssuedDocument } from './commands.ts';
import { subCaseNo, type CombinedState } from './combined.ts';

export type ApplicantInput =
  | { kind: 'person'; name: string; idType: 'id_card' | 'passport' | 'other'; idNumber: string; phone: string }
  | { kind: 'organisation'; name: string; creditCode: string; legalRepresentative: string; contact: string; phone: string };

export interface MaterialInput {
  /** The material's code in the item's list (CAT-1); null for an extra document. */
  code: string | null;
  name?: string;
  /** Paper original travelling with the case (CASE-1). */
  paper?: boolean;
  file?: { name: string; mime: string; contentBase64: string } | null;
}

export interface ApplyInput {
  itemId: number;
  channel: Channel;
  applicant: ApplicantInput;
  materials: MaterialInput[];
}

export interface ApplyOptions {
  /** Demo and bench: a precomputed hash (and its password) instead of one scrypt per case. */
  queryPassword?: { password: string; hash: string };
}

export interface Applied {
  caseId: number;
  caseNo: string;
  queryPassword: string;
  subCases: { id: number; caseNo: string; unitId: number }[];
  documents: IssuedDocument[];
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newQueryPassword(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return s;
}

/** 办件流水号: region code + China date + sequence, e.g. 51070020261102000123. */
export async function nextCaseNo(trx: Kysely<DB>, regionCode: string, now: Date): Promise<string> {
  const r = await sql<{ n: number }>`select nextval('case_no_seq') as n`.execute(trx);
  return `${regionCode}${chinaDateOf(now).replaceAll('-', '')}${String(r.rows[0].n).padStart(6, '0')}`;
}

interface UnitFacts {
  id: number;
  name: string;
  path: string;
  region_code: string;
  region_path: string;
}

async function unitsOf(trx: Kysely<DB>, ids: number[]): Promise<Map<number, UnitFacts>> {
  // system: the responsible units of the item (CASE-9 co-units may sit outside the applicant's or clerk's scope)
  const rows = await trx.selectFrom('units').select(['id', 'name', 'path', 'region_code', 'region_path']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** 一窗受理: online applications go to the service centre of the item's region, or the nearest above. */
async function serviceCentreFor(trx: Kysely<DB>, unit: UnitFacts): Promise<number | null> {
  // system: routing an online application to the hall that receives it (no user data)
  const rows = await trx.selectFrom('units').select(['id', 'region_path']).where('kind', '=', 'service_center').where('active', '=', true).execute();
  const fit = rows.filter((r) => unit.region_path.startsWith(r.region_path)).sort((a, b) => b.region_path.length - a.region_path.length || a.id - b.id);
  return fit[0]?.id ?? null;
}

export async function materialRefs(trx: Kysely<DB>, item: ItemVersionSpec, inputs: MaterialInput[], by: number | null, now: Date): Promise<MaterialRef[]> {
  const out: MaterialRef[] = [];
  for (const m of inputs) {
    const listed = m.code ? item.materials.find((x) => x.code === m.code) : null;
    if (m.code && !listed) throw badRequest('UNKNOWN_MATERIAL', `材料编码 ${m.code} 不在本事项的材料清单中`, { code: m.code });
    const name = (m.name?.trim() || listed?.name || '').trim();
    if (!name) throw badRequest('MATERIAL_NAME_REQUIRED', '清单外的材料须填写名称');
    let hash: string | null = null;
    if (m.file) {
      const bytes = Buffer.from(m.file.contentBase64, 'base64');
      hash = (await storeFile(trx, { name: m.file.name, mime: m.file.mime, bytes }, by, now)).hash;
    }
    if (!hash && !m.paper) throw badRequest('MATERIAL_EMPTY', `材料「${name}」须上传电子文件或标明纸质材料随案流转`);
    out.push({ code: m.code, name, hash, paper: m.paper === true });
  }
  return out;
}

function applicantColumns(a: ApplicantInput, userId: number | null) {
  return a.kind === 'person'
    ? { applicant_type: 'person' as const, applicant_name: a.name, applicant_id_type: a.idType, applicant_id_number: a.idNumber, applicant_phone: a.phone, applicant_legal_rep: null, applicant_contact: null, applicant_user_id: userId }
    : { applicant_type: 'organisation' as const, applicant_name: a.name, applicant_id_type: 'credit_code', applicant_id_number: a.creditCode, applicant_phone: a.phone, applicant_legal_rep: a.legalRepresentative, applicant_contact: a.contact, applicant_user_id: userId };
}

/** Resolves materials, numbers the case and runs 'apply' — in the caller's transaction. */
export async function applyIn(trx: Kysely<DB>, input: ApplyInput, meta: CommandMeta, opts: ApplyOptions = {}): Promise<Applied> {
  const now = meta.now;
  const spec = await assertItemAcceptsCases(trx, input.itemId, now);
  // system: whether the item may be applied for online (secret items are never public, CAT-7)
  const item = await trx.selectFrom('catalog_items').select(['secret']).where('id', '=', input.itemId).executeTakeFirstOrThrow();
  if (input.channel === 'online' && item.secret) throw notFound('事项不存在或不能网上申报');
  const coUnits = spec.joint?.coUnitIds ?? [];
  const units = await unitsOf(trx, [spec.unitId, ...coUnits]);
  const lead = units.get(spec.unitId)!;
  let windowUnitId: number | null = null;
  if (input.channel === 'window') {
    // a window receives for the items of its own region and the regions below it
    const clerkUnit = meta.actor?.unitId ? (await unitsOf(trx, [meta.actor.unitId])).get(meta.actor.unitId) : undefined;
    if (!clerkUnit || !lead.region_path.startsWith(clerkUnit.region_path)) throw notFound('事项不在本窗口的受理范围内');
    windowUnitId = clerkUnit.id;
  } else if (input.channel === 'online') {
    windowUnitId = await serviceCentreFor(trx, lead);
  }
  const userId = input.channel === 'online' ? meta.actor?.userId ?? null : null;
  const materials = await materialRefs(trx, spec, input.materials, meta.actor?.userId ?? null, now);
  const caseNo = await nextCaseNo(trx, lead.region_code, now);
  const queryPassword = opts.queryPassword?.password ?? newQueryPassword();
  const passwordHash = opts.queryPassword?.hash ?? (await hashPassword(queryPassword));
  const applicant = { ...input.applicant, userId: null } as Applicant;

  const insertRow = async (caseNoOf: string, unit: UnitFacts, kind: 'single' | 'combined', parentId: number | null, state: unknown, status: string) => {
    const r = await trx.insertInto('cases').values({
      case_no: caseNoOf, kind, parent_id: parentId, query_password_hash: passwordHash, item_id: spec.itemId, item_version_id: spec.versionId,
      item_name: spec.name, item_type: spec.type, unit_id: unit.id, unit_path: unit.path, region_path: unit.region_path, window_unit_id: windowUnitId,
      channel: input.channel, ...applicantColumns(input.applicant, userId), status, current_step: null, current_post_code: null,
      received_at: now, accepted_at: null, accepted_as_of: null, decided_at: null, completed_at: null, delivered_at: null, closed_at: null,
      outcome: null, fee_total: null, fine_amount: null, penalty_circumstance: null, certificate_no: null, valid_from: null, valid_until: null,
      acceptance_due_at: null, promised_due_at: null, legal_due_at: null, step_due_at: null,
      state: JSON.stringify(state), last_hash: GENESIS, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  };
  const runApply = async (id: number, caseNoOf: string, unitId: number, parentCaseNo: string | null) => {
    const r = await executeCommand(trx, id, { type: 'apply', caseNo: caseNoOf, channel: input.channel, applicant, materials, unitId, parentCaseNo }, meta);
    if (!r.ok) throw refusalError(r, 'apply');
    return r;
  };

  if (!spec.joint) {
    const id = await insertRow(caseNo, lead, 'single', null, initialCaseState(), 'new');
    const r = await runApply(id, caseNo, lead.id, null);
    return { caseId: id, caseNo, queryPassword, subCases: [], documents: r.documents };
  }
  // CASE-9: the combined case, then a sub-case per unit (lead first).
  const order = [spec.unitId, ...coUnits];
  const subNos = order.map((_, i) => subCaseNo(caseNo, i));
  const combined: CombinedState = {
    combined: true, caseNo, itemId: spec.itemId, itemVersionId: spec.versionId, applicant, status: 'submitted',
    subCases: order.map((u, i) => ({ id: 0, caseNo: subNos[i], unitId: u, status: 'new', outcome: null })),
  };
  const parentId = await insertRow(caseNo, lead, 'combined', null, combined, 'submitted');
  const [e] = await appendEvents(trx, CASE_EVENTS, streamOf(parentId), [{
    type: 'combined.created', at: now, actorId: meta.actor?.userId ?? null, actorName: meta.actor?.displayName ?? '系统', actorUnitId: meta.actor?.unitId ?? null,
    ip: meta.ip ?? null,
    data: { caseNo, channel: input.channel, itemId: spec.itemId, itemVersionId: spec.versionId, leadUnitId: spec.unitId, subCases: order.map((u, i) => ({ caseNo: subNos[i], unitId: u })), materials },
  }], now, { seq: 0, hash: GENESIS });
  // system: the new combined case's chain head
  await trx.updateTable('cases').set({ event_count: e.seq, last_hash: e.hash }).where('id', '=', parentId).execute();
  const subCases: Applied['subCases'] = [];
  const documents: IssuedDocument[] = [];
  for (let i = 0; i < order.length; i++) {
    const id = await insertRow(subNos[i], units.get(order[i])!, 'single', parentId, initialCaseState(), 'new');
    const r = await runApply(id, subNos[i], order[i], caseNo);
    subCases.push({ id, caseNo: subNos[i], unitId: order[i] });
    documents.push(...r.documents);
  }
  return { caseId: parentId, caseNo, queryPassword, subCases, documents };
}

export async function applyForCase(db: Kysely<DB>, input: ApplyInput, meta: CommandMeta, opts: ApplyOptions = {}): Promise<Applied> {
  return db.transaction().execute((trx) => applyIn(trx, input, meta, opts));
}
