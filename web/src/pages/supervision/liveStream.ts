// One shared EventSource on GET /api/supervision/stream for the whole tab (the console pages
// and the bell), reference-counted: opened by the first subscriber, closed after the last.
// The browser retries a dropped connection itself; when it gives up (readyState CLOSED, e.g.
// the server restarted or answered an error) we reopen with a growing delay (1 s … 30 s).
import { useEffect, useRef, useState } from 'react';
import type { LiveSignal } from './model';

export type LiveState = 'connecting' | 'open' | 'closed';
type Listener = (s: LiveSignal) => void;

const listeners = new Set<Listener>();
const stateListeners = new Set<(s: LiveState) => void>();
let source: EventSource | null = null;
let state: LiveState = 'closed';
let retryTimer: number | null = null;
let retryDelay = 1000;

function setState(s: LiveState) {
  state = s;
  for (const l of stateListeners) l(s);
}

function open() {
  if (source || typeof EventSource === 'undefined') return;
  setState('connecting');
  const es = new EventSource('/api/supervision/stream', { withCredentials: true });
  source = es;
  es.onopen = () => {
    retryDelay = 1000;
    setState('open');
  };
  es.addEventListener('signal', (ev) => {
    let s: LiveSignal;
    try {
      s = JSON.parse((ev as MessageEvent<string>).data) as LiveSignal;
    } catch {
      return;
    }
    for (const l of listeners) l(s);
  });
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) {
      es.close();
      if (source === es) source = null;
      setState('closed');
      scheduleReopen();
    } else setState('connecting');
  };
}

function scheduleReopen() {
  if (retryTimer !== null || !listeners.size) return;
  retryTimer = window.setTimeout(() => {
    retryTimer = null;
    if (listeners.size) open();
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, 30_000);
}

function close() {
  if (retryTimer !== null) window.clearTimeout(retryTimer);
  retryTimer = null;
  source?.close();
  source = null;
  setState('closed');
}

export function subscribeLive(fn: Listener): () => void {
  listeners.add(fn);
  open();
  return () => {
    listeners.delete(fn);
    if (!listeners.size) close();
  };
}

/**
 * Calls `onSignal` for every live signal change in the user's jurisdiction while mounted
 * (`enabled` false: not subscribed). Returns the connection state for a status badge.
 */
export function useLiveSignals(onSignal: Listener, enabled = true): LiveState {
  const ref = useRef(onSignal);
  ref.current = onSignal;
  const [st, setSt] = useState<LiveState>(state);
  useEffect(() => {
    if (!enabled) return;
    stateListeners.add(setSt);
    const off = subscribeLive((s) => ref.current(s));
    setSt(state);
    return () => {
      off();
      stateListeners.delete(setSt);
    };
  }, [enabled]);
  return st;
}

/** Runs `fn` at most once per `ms` after a burst of calls (live refreshes of lists/charts). */
export function useThrottled(fn: () => void, ms = 800): () => void {
  const ref = useRef(fn);
  ref.current = fn;
  const timer = useRef<number | null>(null);
  useEffect(() => () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
  }, []);
  const trigger = useRef(() => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      ref.current();
    }, ms);
  });
  return trigger.current;
}
