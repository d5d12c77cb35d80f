// The day's record on a real history file, with time set by the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryView } from '../../../src-main/node/app/history/history-view.ts';
import { WriteBehind } from '../../../src-main/node/files/write-behind.ts';
import { CallHistory } from '../../../src-main/node/app/history/call-history.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import type { CallView, CoreState } from '../../../src-main/common/state/types.ts';
import type { CallFact } from '../../../src-main/common/state/call-facts.ts';
import { appState } from '../helpers/app-state.ts';
import { guideClient } from '../helpers/raw-client.ts';
import { simulator } from '../simulator/fixtures.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { rig as appRig, until } from './app-rig.ts';

const nineAm = new Date(2026, 10, 25, 9, 0, 0).getTime();
const call = (c1: number, patch: Partial<CallView> = {}): CallView => ({
  key: c1,
  c1,
  phase: 'connected',
  placedByMe: false,
  direction: 'inbound',
  consult: false,
  parties: [],
  startedAt: nineAm,
  since: nineAm,
  lastEventAt: nineAm,
  party: `0101${c1}`,
  ...patch,
});
const core = (agent: CoreState['agent']): CoreState => appState({ agent }).core;

function rig() {
  let now = nineAm;
  const history = new CallHistory(
    join(mkdtempSync(join(tmpdir(), 'cti-history-view-')), 'history.json'),
    new WriteBehind(),
  );
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
  assert.deepEqual(
    history.list().map((r) => [r.number, r.talkSeconds, r.holdSeconds, r.handleSeconds, r.missed]),
    [['01011', 50, 10, 60, false]],
  );
  const state = view.state({ state: 'ready', since: nineAm });
  assert.equal(state.history.recent.length, 1);
  assert.equal(state.today.handled, 1);
  assert.deepEqual(
    [state.today.averageTalkSeconds, state.today.averageHoldSeconds, state.today.averageHandleSeconds],
    [50, 10, 60],
  );
});

/** A call answered at 9:00:02 that ends at `endsAt` after 10 s on hold, with the agent `agent` then. */
function callEnds(
  view: HistoryView,
  c1: number,
  endsAt: number,
  agent: CoreState['agent'],
  patch: Partial<CallView> = {},
) {
  view.follow(core(agent), [
    { kind: 'ended', call: call(c1, { answeredAt: nineAm + 2000, ...patch }), endedAt: endsAt, holdMs: 10_000 },
  ]);
}

test("after-call work that follows a call is part of its handle time: from the call's end until the agent leaves After work", () => {
  const { view, history, at } = rig();
  at(nineAm + 62_000);
  callEnds(view, 1, nineAm + 62_000, { state: 'ready', since: nineAm });
  at(nineAm + 63_000);
  view.follow(core({ state: 'afterWork', since: nineAm + 63_000 }), []);
  at(nineAm + 90_000);
  view.follow(core({ state: 'afterWork', since: nineAm + 63_000 }), []);
  assert.equal(history.list()[0]!.handleSeconds, 60, 'not yet: After work is still running');
  at(nineAm + 93_500);
  view.follow(core({ state: 'ready', since: nineAm + 93_000 }), []);
  const [r] = history.list();
  assert.deepEqual([r!.talkSeconds, r!.holdSeconds, r!.afterWorkSeconds, r!.handleSeconds], [50, 10, 30, 90]);
  assert.equal(view.state({ state: 'ready', since: nineAm + 93_000 }).today.averageHandleSeconds, 90);
});

test('After work already on when the call ends counts from the end; it stops counting when another call comes in', () => {
  const { view, history, at } = rig();
  const afterWork = { state: 'afterWork' as const, since: nineAm - 600_000 };
  at(nineAm + 62_000);
  callEnds(view, 1, nineAm + 62_000, afterWork, { direction: 'outbound', placedByMe: true });
  at(nineAm + 80_000);
  const next = appState({
    agent: afterWork,
    calls: { 2: call(2, { phase: 'ringing', startedAt: nineAm + 77_000 }) },
  }).core;
  view.follow(next, []);
  assert.equal(history.list()[0]!.afterWorkSeconds, 15);
  at(nineAm + 200_000);
  view.follow(core({ state: 'ready', since: nineAm + 200_000 }), []);
  assert.equal(history.list()[0]!.afterWorkSeconds, 15, 'counted once');
});

test("After work is not a call's when chosen long after it, or after a consult leg or a missed call", () => {
  const { view, history, at } = rig();
  at(nineAm + 62_000);
  callEnds(view, 1, nineAm + 62_000, { state: 'ready', since: nineAm });
  at(nineAm + 62_000 + 60_000);
  view.follow(core({ state: 'afterWork', since: nineAm + 122_000 }), []);
  at(nineAm + 150_000);
  view.follow(core({ state: 'ready', since: nineAm + 150_000 }), []);
  callEnds(
    view,
    2,
    nineAm + 150_000,
    { state: 'ready', since: nineAm + 150_000 },
    { ctype: 4, consult: true, placedByMe: true, direction: 'internal' },
  );
  view.follow(core({ state: 'ready', since: nineAm + 150_000 }), [
    { kind: 'ended', call: call(3, { phase: 'ringing' }), endedAt: nineAm + 150_000, holdMs: 0 },
  ]);
  view.follow(core({ state: 'afterWork', since: nineAm + 151_000 }), []);
  at(nineAm + 200_000);
  view.follow(core({ state: 'ready', since: nineAm + 200_000 }), []);
  assert.deepEqual(
    history.list().map((r) => [r.number, r.afterWorkSeconds]),
    [
      ['01011', undefined],
      ['01012', undefined],
      ['01013', undefined],
    ],
  );
});

test("time in each agent state is counted when the state ends, and today's figure adds the current one up to now", () => {
  const { view, at } = rig();
  view.follow(core({ state: 'ready', since: nineAm }), []);
  at(nineAm + 600_000);
  view.follow(core({ state: 'notReady', since: nineAm + 600_000, reason: 1 }), []);
  at(nineAm + 900_000);
  assert.deepEqual(view.state({ state: 'notReady', since: nineAm + 600_000, reason: 1 }).today.stateSeconds, {
    ready: 600,
    notReady: 300,
  });
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

test('against the simulator: a consult transfer, a conference and an outbound call are 3 calls handled; the consult legs are in the history, marked', async (t) => {
  const sim = await simulator();
  const { app } = appRig({ server: { ...defaultSettings().server, endpoints: [sim.endpoints[0]!] } });
  const colleague = await guideClient(sim.endpoints[0]!, '1003');
  t.after(async () => {
    await app.stop();
    await colleague.close();
    await sim.stop();
  });
  await app.start();
  await until(app, 'connected', (s) => s.core.connection.status === 'connected');
  const noCalls = () => until(app, 'no call', (s) => Object.keys(s.core.calls).length === 0);
  /** A customer calls in, is answered, and the agent consults the colleague, who answers. */
  const customerThenConsult = async (from: string, mode: 'transfer' | 'conference') => {
    const { c1 } = sim.inbound({ from, to: '1001' });
    await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    await app.handle('answer', { c1 });
    await until(app, 'talking', (s) => s.core.calls[c1]?.phase === 'connected');
    const seen = colleague.mark();
    assert.equal((await app.handle('consult', { c1, number: '1003', mode })).ok, true);
    const ring = await colleague.waitEvent(4, { from: seen });
    const c2 = Number(ring.call?.c1);
    await colleague.request({ fname: 'answer', this: '1003', c1: String(c2) });
    await until(app, 'consult connected', (s) => s.core.calls[c2]?.phase === 'connected');
    return { c1, c2 };
  };

  const transferred = await customerThenConsult('01070000001', 'transfer');
  assert.deepEqual(await app.handle('transfer', { activeC1: transferred.c2, heldC1: transferred.c1 }), {
    ok: true,
    result: 1,
  });
  await noCalls();
  sim.hangup(transferred.c1);

  const conferenced = await customerThenConsult('01070000002', 'conference');
  assert.deepEqual(await app.handle('conference', { activeC1: conferenced.c2, heldC1: conferenced.c1 }), {
    ok: true,
    result: 1,
  });
  await until(app, 'one conference call', (s) => Object.keys(s.core.calls).length === 1);
  const [conference] = Object.values(app.getState().core.calls);
  await app.handle('hangup', { c1: conference!.c1 });
  await noCalls();

  await app.handle('dial', { number: '0212345678' });
  const answered = (s: AppState) => Object.values(s.core.calls).find((c) => c.phase === 'connected');
  const out = answered(await until(app, 'outbound answered', (s) => answered(s) !== undefined))!;
  await app.handle('hangup', { c1: out.c1 });
  const s = await until(app, 'five records', (st) => st.history.recent.length === 5);

  assert.equal(s.today.handled, 3, JSON.stringify(s.history.recent));
  const rows = s.history.recent.map((r) => `${r.number}${r.consult ? ' consult' : ''}`).sort();
  assert.deepEqual(rows, ['01070000001', '01070000002', '0212345678', '1003 consult', '1003 consult']);
});
