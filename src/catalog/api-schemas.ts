// Response shapes of the power library API, and the row → JSON mappers.
import { z } from 'zod';
import { ITEM_TYPES } from '../domain/item.ts';
import { iso } from '../http/paging.ts';
import { ElementsSchema, ITEM_STATUS_NAMES, ItemStatusSchema } from './elements.ts';
import type { ItemRow } from './items.ts';
import { effectiveStatus } from './items.ts';
import type { CatalogChange, CatalogItemVersion } from './tables.ts';
import type { StoredEvent } from '../store/event-chain.ts';
import { EVENT_NAMES } from './events.ts';

export const ItemStatusOut = z.enum(['draft', 'active', 'paused', 'cancelled']);
export const ProblemSchema = z.object({ code: z.string(), message: z.string(), field: z.string().optional() });

export const ItemSummary = z.object({
  id: z.number(), baseCode: z.string(), implCode: z.string(), name: z.string(), type: z.string(), typeName: z.string(),
  unitId: z.number(), unitName: z.string(), regionCode: z.string(), regionName: z.string(), regionLevel: z.string(),
  status: ItemStatusOut, statusName: z.string(), statusFrom: z.string().nullable(), effectiveStatus: ItemStatusOut,
  currentVersionId: z.number().nullable(), currentVersionNo: z.number(), secret: z.boolean(), exempt: z.boolean(),
  publicityProblems: z.number(), openChangeId: z.number().nullable(), updatedAt: z.string(),
});

export function toItemSummary(r: ItemRow, today: string) {
  return {
    id: r.id, baseCode: r.base_code, implCode: r.impl_code, name: r.name, type: r.type, typeName: ITEM_TYPES[r.type as keyof typeof ITEM_TYPES] ?? r.type,
    unitId: r.unit_id, unitName: r.unit_name, regionCode: r.region_code, regionName: r.region_name, regionLevel: r.region_level,
    status: r.status, statusName: ITEM_STATUS_NAMES[r.status], statusFrom: r.status_from,
    effectiveStatus: r.status === 'draft' ? ('draft' as const) : effectiveStatus({ status: r.status, status_from: r.status_from, prior_status: r.prior_status }, today),
    currentVersionId: r.current_version_id, currentVersionNo: r.current_version_no, secret: r.secret, exempt: r.exempt,
    publicityProblems: r.publicity_problems, openChangeId: (r.open_change_id as number | null) ?? null, updatedAt: r.updated_at.toISOString(),
  };
}

export const VersionSchema = z.object({
  id: z.number(), itemId: z.number(), versionNo: z.number(), changeId: z.number(), implCode: z.string(), status: ItemStatusSchema,
  statusFrom: z.string(), priorStatus: ItemStatusSchema.nullable(), statusReason: z.string().nullable(), validFrom: z.string(),
  validTo: z.string().nullable(), publishedAt: z.string(), publishedBy: z.number().nullable(), elementsHash: z.string(),
  elements: ElementsSchema, publicityProblems: z.array(ProblemSchema),
});

export function toVersion(v: CatalogItemVersion) {
  return {
    id: v.id, itemId: v.item_id, versionNo: v.version_no, changeId: v.change_id, implCode: v.impl_code, status: v.status, statusFrom: v.status_from,
    priorStatus: v.prior_status, statusReason: v.status_reason, validFrom: v.valid_from.toISOString(), validTo: iso(v.valid_to),
    publishedAt: v.published_at.toISOString(), publishedBy: v.published_by, elementsHash: v.elements_hash, elements: ElementsSchema.parse(v.elements),
    publicityProblems: v.publicity_problems as { code: string; message: string; field: string }[],
  };
}

export const VersionListEntry = z.object({
  id: z.number(), versionNo: z.number(), changeId: z.number(), name: z.string(), status: ItemStatusSchema, statusFrom: z.string(),
  validFrom: z.string(), validTo: z.string().nullable(), publishedAt: z.string(), publishedBy: z.number().nullable(),
});

export const ChangeSchema = z.object({
  id: z.number(), itemId: z.number(), kind: z.enum(['create', 'modify', 'status']), state: z.enum(['draft', 'submitted', 'returned', 'published']),
  baseVersionId: z.number().nullable(), unitId: z.number(), parts: z.array(z.enum(['basic', 'flow'])), changedFields: z.array(z.string()),
  newStatus: ItemStatusSchema.nullable(), statusFrom: z.string().nullable(), statusReason: z.string().nullable(), reason: z.string().nullable(),
  triggerKind: z.string().nullable(), triggerDate: z.string().nullable(), basicApprovedAt: z.string().nullable(), basicApprovedBy: z.number().nullable(),
  flowApprovedAt: z.string().nullable(), flowApprovedBy: z.number().nullable(), lastOpinion: z.string().nullable(),
  publishedVersionId: z.number().nullable(), createdBy: z.number(), createdAt: z.string(), updatedAt: z.string(), submittedAt: z.string().nullable(),
  elements: ElementsSchema,
});

export function toChange(c: CatalogChange) {
  return {
    id: c.id, itemId: c.item_id, kind: c.kind, state: c.state, baseVersionId: c.base_version_id, unitId: c.unit_id, parts: c.parts,
    changedFields: c.changed_fields, newStatus: c.new_status, statusFrom: c.status_from, statusReason: c.status_reason, reason: c.reason,
    triggerKind: c.trigger_kind, triggerDate: c.trigger_date, basicApprovedAt: iso(c.basic_approved_at), basicApprovedBy: c.basic_approved_by,
    flowApprovedAt: iso(c.flow_approved_at), flowApprovedBy: c.flow_approved_by, lastOpinion: c.last_opinion,
    publishedVersionId: c.published_version_id, createdBy: c.created_by, createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(), submittedAt: iso(c.submitted_at), elements: ElementsSchema.parse(c.elements),
  };
}

export const EventSchema = z.object({
  seq: z.number(), type: z.string(), typeName: z.string(), at: z.string(), actorId: z.number().nullable(), actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()), hash: z.string(), prevHash: z.string(),
});
export const toEvent = (e: StoredEvent) => ({
  seq: e.seq, type: e.type, typeName: EVENT_NAMES[e.type] ?? e.type, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName,
  data: e.data, hash: e.hash, prevHash: e.prevHash,
});

export const ExemptionSchema = z.object({
  id: z.number(), itemId: z.number(), itemName: z.string(), implCode: z.string(), unitName: z.string(), secretDoc: z.string(), reason: z.string(),
  state: z.enum(['pending', 'granted', 'revoked']), requestedBy: z.number(), requestedAt: z.string(),
  supervisionBy: z.number().nullable(), supervisionAt: z.string().nullable(), supervisionOpinion: z.string().nullable(),
  secrecyBy: z.number().nullable(), secrecyAt: z.string().nullable(), secrecyOpinion: z.string().nullable(),
  revokedBy: z.number().nullable(), revokedAt: z.string().nullable(), revokeReason: z.string().nullable(),
});
