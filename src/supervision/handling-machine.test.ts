// The handling and task tables, exhaustively: every (state, act) pair is either the table's
// next state or refused, every state is reachable from `raised`/`draft`, and every act is used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SIGNAL_STATUSES, SIGNAL_TRANSITIONS, signalTransition, allowedSignalActs, ACT_PERMISSION, SIGNAL_ACTS, isOpenStatus,
  TASK_STATUSES, TASK_TRANSITIONS, taskTransition, TASK_PERMISSION, type MachineAct, type TaskAct,
} from './handling-machine.ts';

const MACHINE_ACTS: MachineAct[] = ['explain', 'investigate', 'demand_materials', 'provide_materials', 'find_valid', 'find_invalid', 'order_rectification',
  'report_rectification', 'verify_pass', 'verify_fail', 'propose_accountability', 'escalate', 'close', 'reopen'];
const TASK_ACTS: TaskAct[] = ['submit', 'approve_dispatch', 'reject_dispatch', 'request_extension', 'approve_extension', 'reject_extension', 'remind', 'report', 'return', 'close'];

const EXPECTED: Record<string, Partial<Record<MachineAct, string>>> = {
  raised: { explain: 'explained', investigate: 'investigating', demand_materials: 'materials_requested', find_valid: 'valid', find_invalid: 'revoked', escalate: 'raised' },
  explained: { explain: 'explained', investigate: 'investigating', demand_materials: 'materials_requested', find_valid: 'valid', find_invalid: 'revoked', escalate: 'explained' },
  investigating: { explain: 'investigating', demand_materials: 'materials_requested', find_valid: 'valid', find_invalid: 'revoked', escalate: 'investigating' },
  materials_requested: { provide_materials: 'investigating', demand_materials: 'materials_requested', find_valid: 'valid', find_invalid: 'revoked', escalate: 'materials_requested' },
  valid: { order_rectification: 'rectifying', propose_accountability: 'valid', escalate: 'valid', close: 'closed' },
  rectifying: { report_rectification: 'rectified', propose_accountability: 'rectifying', escalate: 'rectifying' },
  rectified: { verify_pass: 'verified', verify_fail: 'rectifying', propose_accountability: 'rectified' },
  verified: { propose_accountability: 'verified', close: 'closed' },
  revoked: { reopen: 'investigating' },
  closed: { reopen: 'investigating' },
};

test('signal handling: every (state, act) pair', () => {
  assert.deepEqual(Object.keys(SIGNAL_TRANSITIONS).sort(), Object.keys(SIGNAL_STATUSES).sort());
  for (const s of Object.keys(SIGNAL_STATUSES)) {
    for (const act of MACHINE_ACTS) assert.equal(signalTransition(s, act), EXPECTED[s][act] ?? null, `${s} × ${act}`);
  }
  assert.equal(signalTransition('nonsense', 'explain'), null);
});

test('signal handling: reachability, acts used, permissions, open states', () => {
  const seen = new Set(['raised']);
  const queue = ['raised'];
  while (queue.length) {
    const s = queue.shift()!;
    for (const n of Object.values(SIGNAL_TRANSITIONS[s as keyof typeof SIGNAL_TRANSITIONS])) if (!seen.has(n)) (seen.add(n), queue.push(n));
  }
  assert.deepEqual([...seen].sort(), Object.keys(SIGNAL_STATUSES).sort());
  const used = new Set(Object.values(SIGNAL_TRANSITIONS).flatMap((r) => Object.keys(r)));
  assert.deepEqual([...used].sort(), [...MACHINE_ACTS].sort());
  assert.deepEqual(Object.keys(ACT_PERMISSION).sort(), Object.keys(SIGNAL_ACTS).sort());
  for (const unitAct of ['explain', 'provide_materials', 'report_rectification'] as const) assert.equal(ACT_PERMISSION[unitAct], 'supervision.explain');
  assert.deepEqual(allowedSignalActs('rectified').sort(), ['propose_accountability', 'verify']);
  assert.deepEqual(allowedSignalActs('raised').sort(), ['demand_materials', 'escalate', 'explain', 'find', 'investigate']);
  assert.equal(isOpenStatus('closed'), false);
  assert.equal(isOpenStatus('revoked'), false);
  assert.equal(isOpenStatus('rectifying'), true);
});

const TASK_EXPECTED: Record<string, Partial<Record<TaskAct, string>>> = {
  draft: { submit: 'pending_approval' },
  pending_approval: { approve_dispatch: 'dispatched', reject_dispatch: 'draft' },
  dispatched: { request_extension: 'extension_requested', remind: 'dispatched', report: 'reported' },
  extension_requested: { approve_extension: 'dispatched', reject_extension: 'dispatched', remind: 'extension_requested', report: 'reported' },
  reported: { return: 'returned', close: 'closed' },
  returned: { remind: 'returned', report: 'reported' },
  closed: {},
};

test('tasks: every (state, act) pair; permissions', () => {
  assert.deepEqual(Object.keys(TASK_TRANSITIONS).sort(), Object.keys(TASK_STATUSES).sort());
  for (const s of Object.keys(TASK_STATUSES)) for (const act of TASK_ACTS) assert.equal(taskTransition(s, act), TASK_EXPECTED[s][act] ?? null, `${s} × ${act}`);
  assert.deepEqual(Object.keys(TASK_PERMISSION).sort(), [...TASK_ACTS].sort());
  assert.equal(TASK_PERMISSION.approve_dispatch, 'supervision.task.approve');
  assert.equal(TASK_PERMISSION.report, 'supervision.explain');
});
