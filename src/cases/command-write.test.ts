// The write statement names its case columns once (command-write.ts); every column the
// projection derives must be among them, or a new projection column would silently stay null.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar } from '../domain/calendar.ts';
import { initialCaseState } from '../domain/case-machine.ts';
import { caseColumns } from './projection.ts';
import { WRITTEN_CASE_COLUMNS } from './command-write.ts';

test('the write statement sets exactly the projected case columns plus the chain head', () => {
  const projected = Object.keys(caseColumns(initialCaseState(), new WorkCalendar([])));
  assert.deepEqual([...WRITTEN_CASE_COLUMNS].sort(), [...projected, 'state', 'event_count', 'last_hash', 'updated_at'].sort());
});
