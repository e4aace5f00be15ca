// The case states this process wrote last (issue 4 throughput). A command's lock statement
// reads a case's state from the row only when this process does not already hold the state
// the row is at: an entry counts only when its chain head (event count and SM3 hash of the
// last event) equals the locked row's, so a state written by another process, an older one,
// or one whose transaction rolled back is never used. Entries are put after the commit only.
// States are immutable values (the machine folds events into new objects), so sharing is safe.
import type { CaseState } from '../domain/case-machine.ts';

interface Entry {
  seq: number;
  hash: string;
  state: CaseState;
}

const MAX = Number(process.env.CASE_STATE_CACHE ?? 20_000);
const entries = new Map<number, Entry>();

/** The head this process knows for a case, for the lock statement (0 / '' when none). */
export function knownHead(caseId: number): { seq: number; hash: string } {
  const e = entries.get(caseId);
  return e ? { seq: e.seq, hash: e.hash } : { seq: 0, hash: '' };
}

/** The cached state when it is exactly the state at the given head. */
export function cachedState(caseId: number, seq: number, hash: string): CaseState | null {
  const e = entries.get(caseId);
  return e && e.seq === seq && e.hash === hash ? e.state : null;
}

/** Records the state a committed command left a case in. */
export function rememberState(caseId: number, seq: number, hash: string, state: CaseState): void {
  entries.delete(caseId); // re-inserted last: the map's order is the eviction order
  if (entries.size >= MAX) entries.delete(entries.keys().next().value!);
  entries.set(caseId, { seq, hash, state });
}

export function forgetStates(): void {
  entries.clear();
}
