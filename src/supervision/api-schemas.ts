// Shared zod schemas and row mappers of the /api/supervision routes.
import { z } from 'zod';
import { iso } from '../http/paging.ts';
import type { SignalRow, TaskRow, ApprovalRow } from './tables.ts';
import { allowedSignalActs } from './handling-machine.ts';

export const Level = z.enum(['reminder', 'yellow', 'red']);
export const Category = z.enum(['timeliness', 'anomaly', 'violation', 'publicity', 'exchange']);
export const DateTime = z.string().datetime({ offset: true });

export const SignalSchema = z.object({
  id: z.number(), signalNo: z.string(), origin: z.string(), category: z.string(), kind: z.string(), ruleCode: z.string().nullable(),
  ruleVersion: z.number().nullable(), level: Level, status: z.string(), title: z.string(), explanation: z.string(),
  evidence: z.unknown().describe('证据（信号详情与处置结果中给出；列表中为 null）：触发的事件或当时的计时状态'),
  caseId: z.number().nullable(), caseNo: z.string().nullable(), itemId: z.number().nullable(), itemName: z.string().nullable(), unitId: z.number(),
  unitName: z.string().describe('责任单位名称'), clockKind: z.string().nullable(), thresholdAt: z.string().nullable(), taskId: z.number().nullable(), parentId: z.number().nullable(),
  raisedAt: z.string(), responseDueAt: z.string().nullable(), finding: z.string().nullable(), rectifyDueAt: z.string().nullable(),
  closedAt: z.string().nullable(), reopenCount: z.number(), assigneeId: z.number().nullable(), allowedActs: z.array(z.string()),
});
/** Rows read with the responsible unit's name (`unit_name`, joined from units). */
export type WithUnitName<T> = T & { unit_name: string };

/** A signal row; `evidence` (the data of its first event, queries.ts signalEvidence) where it was read. */
export const toSignal = (s: WithUnitName<SignalRow> & { evidence?: unknown }) => ({
  id: s.id, signalNo: s.signal_no, origin: s.origin, category: s.category, kind: s.kind, ruleCode: s.rule_code, ruleVersion: s.rule_version,
  level: s.level, status: s.status, title: s.title, explanation: s.explanation, evidence: s.evidence ?? null, caseId: s.case_id, caseNo: s.case_no,
  itemId: s.item_id, itemName: s.item_name, unitId: s.unit_id, unitName: s.unit_name, clockKind: s.clock_kind, thresholdAt: iso(s.threshold_at), taskId: s.task_id,
  parentId: s.parent_id, raisedAt: s.raised_at.toISOString(), responseDueAt: iso(s.response_due_at), finding: s.finding,
  rectifyDueAt: iso(s.rectify_due_at), closedAt: iso(s.closed_at), reopenCount: s.reopen_count,
  assigneeId: s.assignee_id, allowedActs: allowedSignalActs(s.status),
});
export const EventSchema = z.object({ seq: z.number(), type: z.string(), at: z.string(), actorName: z.string().nullable(), data: z.unknown(), hash: z.string() });


export const TaskSchema = z.object({
  id: z.number(), taskNo: z.string(), title: z.string(), content: z.string(), requirements: z.string(), unitId: z.number(),
  unitName: z.string().describe('责任单位名称'), signalId: z.number().nullable(),
  limitDays: z.number(), status: z.string(), approvalId: z.number().nullable(), dueAt: z.string().nullable(), extensionDays: z.number().nullable(),
  report: z.string().nullable(), reportFiles: z.unknown(), reportedAt: z.string().nullable(), closedAt: z.string().nullable(), createdBy: z.number(),
  createdAt: z.string(),
});
export const toTask = (t: WithUnitName<TaskRow>) => ({
  id: t.id, taskNo: t.task_no, title: t.title, content: t.content, requirements: t.requirements, unitId: t.unit_id, unitName: t.unit_name, signalId: t.signal_id,
  limitDays: t.limit_days, status: t.status, approvalId: t.approval_id, dueAt: iso(t.due_at), extensionDays: t.extension_days, report: t.report,
  reportFiles: t.report_files, reportedAt: iso(t.reported_at), closedAt: iso(t.closed_at), createdBy: t.created_by, createdAt: t.created_at.toISOString(),
});

export const ApprovalSchema = z.object({
  id: z.number(), kind: z.string(), title: z.string(), payload: z.unknown(), requesterId: z.number(), requesterName: z.string(), unitId: z.number(),
  unitName: z.string(), approverPermission: z.string(), status: z.string(), decidedBy: z.number().nullable(), deciderName: z.string().nullable(),
  decidedAt: z.string().nullable(), reason: z.string().nullable(), result: z.unknown(), createdAt: z.string(),
});
/** An approval row with the requester's and decider's names and the requesting unit's name (approvals.ts). */
export type NamedApprovalRow = ApprovalRow & { requester_name: string; unit_name: string; decider_name: string | null };
export const toApproval = (a: NamedApprovalRow) => ({
  id: a.id, kind: a.kind, title: a.title, payload: a.payload, requesterId: a.requester_id, requesterName: a.requester_name, unitId: a.unit_id,
  unitName: a.unit_name, approverPermission: a.approver_permission, status: a.status, decidedBy: a.decided_by, deciderName: a.decider_name,
  decidedAt: iso(a.decided_at), reason: a.reason, result: a.result, createdAt: a.created_at.toISOString(),
});

const Base64 = z.string().min(1).max(7_000_000).regex(/^[A-Za-z0-9+/=\s]+$/, '文件内容应为 Base64');
export const Files = z.array(z.object({ name: z.string().min(1).max(200), mime: z.string().min(1).max(100), contentBase64: Base64 })).max(10).optional();
export const Text = (max = 4000) => z.string().trim().min(1).max(max);
