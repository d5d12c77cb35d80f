// The day's record on a real history file, with time set by the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryView } from '../../../src-main/node/app/history-view.ts';
import { CallHistory } from '../../../src-main/node/app/call-history.ts';
import type { CallView, CoreState } from '../../../src-main/common/state/types.ts';
import type { CallFact } from '../../../src-main/common/state/call-facts.ts';
import { appState } from '../helpers/app-state.ts';

const nineAm = new Date(2026, 10, 25, 9, 0, 0).getTime();
const call = (c1: number, patch: Partial<CallView> = {}): CallView => ({
  key: c1, c1, phase: 'connected', placedByMe: false, direction: 'inbound', consult: false, parties: [], startedAt: nineAm, since: nineAm, lastEventAt: nineAm, party: `0101${c1}`, ...patch,
});
const core = (agent: CoreState['agent']): CoreState => appState({ agent }).core;

function rig() {
  let now = nineAm;
  const history = new CallHistory(join(mkdtempSync(join(tmpdir(), 'cti-history-view-')), 'history.json'));
  const view = new HistoryView(history, () => now);
  return { view, history, at: (t: number) => (now = t) };
}

test('an ended call is recorded with its talk and hold time; a rang or answered fact records nothing', () => {
  const { view, history } = rig();
  const answered = call(1, { answeredAt: nineAm + 2000 });
  const facts: CallFact[] = [
    { kind: 'rang', call: call(2, { phase: 'ringing' }) },
    { kind: 'answered', call: answered },
    { kind: 'ended', call: answered, endedAt: nineAm + 62_000, holdMs: 10_000 },
  ];
  view.follow(core({ state: 'ready', since: nineAm }), facts);
  assert.deepEqual(history.list().map((r) => [r.number, r.talkSeconds, r.holdSeconds, r.missed]), [['01011', 60, 10, false]]);
  const state = view.state({ state: 'ready', since: nineAm });
  assert.equal(state.history.recent.length, 1);
  assert.equal(state.today.handled, 1);
  assert.equal(state.today.averageHoldSeconds, 10);
});

test("time in each agent state is counted when the state ends, and today's figure adds the current one up to now", () => {
  const { view, at } = rig();
  view.follow(core({ state: 'ready', since: nineAm }), []);
  at(nineAm + 600_000);
  view.follow(core({ state: 'notReady', since: nineAm + 600_000, reason: 1 }), []);
  at(nineAm + 900_000);
  assert.deepEqual(view.state({ state: 'notReady', since: nineAm + 600_000, reason: 1 }).today.stateSeconds, { ready: 600, notReady: 300 });
});

test('time logged off is not counted; the same agent state twice counts once', () => {
  const { view, at } = rig();
  view.follow(core({ state: 'loggedOff', since: nineAm }), []);
  at(nineAm + 60_000);
  view.follow(core({ state: 'ready', since: nineAm + 60_000 }), []);
  view.follow(core({ state: 'ready', since: nineAm + 60_000 }), []);
  at(nineAm + 120_000);
  assert.deepEqual(view.state({ state: 'ready', since: nineAm + 60_000 }).today.stateSeconds, { ready: 60 });
});

test('the history part is kept while nothing changes, rebuilt when the history changes or at midnight', () => {
  const { view, at } = rig();
  const agent = { state: 'ready' as const, since: nineAm };
  const first = view.state(agent).history;
  assert.equal(view.state(agent).history.recent, first.recent, 'kept: same array');
  view.follow(core(agent), [{ kind: 'ended', call: call(3, { phase: 'ringing' }), endedAt: nineAm + 5000, holdMs: 0 }]);
  const afterCall = view.state(agent);
  assert.notEqual(afterCall.history.recent, first.recent);
  assert.equal(afterCall.history.unseenMissed, 1);
  assert.equal(afterCall.today.missed, 1);
  at(new Date(2026, 10, 26, 0, 0, 1).getTime());
  assert.equal(view.state(agent).today.missed, 0, "a new day: yesterday's missed call is not today's");
  view.markSeen();
  assert.equal(view.state(agent).history.unseenMissed, 0);
  view.clear();
  assert.deepEqual(view.state(agent).history.recent, []);
});
