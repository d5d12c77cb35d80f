// What follows the agent's calls, fed the core states the real reducer makes, with fake time: the
// history (on a real file), the call hooks (to a real HTTP server on loopback), the next state and
// the calls left unconfirmed by a reconnect.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallFeatures } from '../../../src-main/node/app/calls/call-features.ts';
import { WriteBehind } from '../../../src-main/node/files/write-behind.ts';
import { CallHistory } from '../../../src-main/node/app/history/call-history.ts';
import {
  defaultCallSettings,
  defaultHooks,
  defaultSettings,
  type Settings,
} from '../../../src-main/common/settings/schema.ts';
import type { NextState } from '../../../src-main/common/state/next-state-schema.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { CallScript } from '../state/call-script.ts';

let server: Server;
let origin: string;
/** The hooks received, as `event ani`. */
const hooks: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    hooks.push(`${url.pathname.slice(1)} ${url.searchParams.get('ani')}`);
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function rig(change: Partial<Settings> = {}) {
  const settings: Settings = {
    ...defaultSettings(),
    hooks: { ...defaultHooks(), enabled: true, url: `${origin}/{event}?ani={ani}`, method: 'GET' },
    ...change,
  };
  const clock = new FakeClock();
  const history = new CallHistory(
    join(mkdtempSync(join(tmpdir(), 'cti-call-features-')), 'history.json'),
    new WriteBehind(),
  );
  const script = new CallScript(clock.now());
  const applied: NonNullable<NextState>[] = [];
  const stoppedRinging: number[] = [];
  const features: CallFeatures = new CallFeatures({
    clock,
    settings: () => settings,
    history,
    answer: () => Promise.resolve({ ok: true, result: 1 }),
    applyNextState: (next) => {
      applied.push(next);
      return Promise.resolve({ ok: true, result: 1 });
    },
    // as the session does: only a call still unconfirmed goes
    forgetUnconfirmed: (c1) => {
      if (!script.state.calls[c1]?.unconfirmed) return false;
      features.follow(script.act({ type: 'call-gone', c1, at: clock.now() }));
      return true;
    },
    log: () => undefined,
    changed: () => undefined,
    tell: () => undefined,
    stoppedRinging: (c1) => stoppedRinging.push(c1),
  });
  /** One step of the calls, now. */
  const run = (step: (s: CallScript) => CoreState) => {
    script.at = clock.now();
    features.follow(step(script));
  };
  const records = () =>
    history
      .list()
      .map((r) => `${r.number}${r.missed ? ' missed' : ''}${r.holdSeconds ? ` held ${r.holdSeconds} s` : ''}`);
  return { clock, features, run, script, records, applied, stoppedRinging };
}

test("a ringing call's notification goes when the call is answered or ends, from each core state (never from the merged pushes)", () => {
  const { run, stoppedRinging } = rig({ hooks: defaultHooks() });
  run((s) => s.ring(5, '0101111'));
  run((s) => s.ring(6, '0102222'));
  assert.deepEqual(stoppedRinging, [], 'both still ring');
  run((s) => s.clear(5)); // the caller gave up while it rang
  run((s) => s.answer(6));
  run((s) => s.clear(6));
  assert.deepEqual(stoppedRinging, [5, 6], 'once each, and only for calls that rang');
  run((s) => s.ring(8, '0103333'));
  run((s) => s.transferredAway(8, 9, '1002', '0104444')); // renamed while it rang
  run((s) => s.clear(9));
  assert.deepEqual(stoppedRinging, [5, 6, 8], 'by the id it rang with');
});

test('two calls that start in the same millisecond: each gets its history record and its "ended" hook, the hold time goes to the call held, across its rename', async () => {
  hooks.length = 0;
  const { clock, run, records } = rig();
  run((s) => s.ring(5, '1002'));
  run((s) => s.ring(6, '0102222'));
  run((s) => s.answer(5));
  clock.advance(10_000);
  run((s) => s.hold(5));
  clock.advance(20_000);
  run((s) => s.retrieve(5));
  run((s) => s.transferredAway(5, 7, '1002', '0103333')); // 1002 hands the agent its customer
  clock.advance(5_000);
  run((s) => s.clear(6)); // the second caller gave up
  clock.advance(30_000);
  run((s) => s.clear(7));
  assert.deepEqual(records(), ['0102222 missed', '0103333 held 20 s']);
  await waitFor(() => hooks.length === 5, 5000, 'five hooks');
  assert.deepEqual(
    hooks.toSorted(),
    ['answered 1002', 'ended 0102222', 'ended 0103333', 'ringing 0102222', 'ringing 1002'],
    'a rename sends no hook',
  );
});

test('a call that ended during an outage: unconfirmed at the reconnect, gone after 60 s with no event, into the history; the next state is applied then', () => {
  const { clock, features, run, script, records, applied } = rig({ hooks: defaultHooks() });
  run((s) => s.ring(5, '0101111'));
  run((s) => s.answer(5));
  features.nextState.set({ state: 'notReady', reason: 2 });
  const lostAt = clock.now() + 1_000;
  clock.advance(20_000);
  run((s) => s.reconnected(lostAt));
  assert.equal(script.state.calls[5]?.unconfirmed, true);
  clock.advance(59_999);
  assert.ok(script.state.calls[5], 'still shown within the grace period');
  clock.advance(1);
  assert.deepEqual(script.state.calls, {});
  assert.deepEqual(records(), ['0101111']);
  assert.deepEqual(applied, [{ state: 'notReady', reason: 2 }]);
  assert.equal(clock.pending, 0);
});

test('an event within the grace period confirms the call, which then stays; the grace period is a setting', () => {
  const { clock, run, script } = rig({
    hooks: defaultHooks(),
    calls: { ...defaultCallSettings(), unconfirmedGraceSeconds: 10 },
  });
  run((s) => s.ring(5, '0101111'));
  run((s) => s.answer(5));
  clock.advance(1_000);
  run((s) => s.reconnected(clock.now() - 1));
  clock.advance(9_000);
  run((s) => s.hold(5)); // the switch still has it
  clock.advance(60_000);
  assert.equal(script.state.calls[5]?.phase, 'held');
  assert.equal(clock.pending, 0, 'no timer left for a confirmed call');
  run((s) => s.reconnected(clock.now() - 1));
  clock.advance(10_000);
  assert.deepEqual(script.state.calls, {}, 'unconfirmed again after the next reconnect: gone after the 10 s set');
});

test('the agent dismisses an unconfirmed call at once; a confirmed one is not dismissed', () => {
  const { clock, features, run, script, records } = rig({ hooks: defaultHooks() });
  run((s) => s.ring(5, '0101111'));
  run((s) => s.ring(6, '0102222'));
  clock.advance(1_000);
  run((s) => s.reconnected(clock.now() - 1));
  run((s) => s.answer(6));
  assert.equal(features.unconfirmed.dismiss(6), false, 'call 6 was heard of since the reconnect');
  assert.equal(features.unconfirmed.dismiss(5), true);
  assert.deepEqual(Object.keys(script.state.calls), ['6']);
  assert.deepEqual(records(), ['0101111 missed']);
  assert.equal(clock.pending, 0, 'its grace timer went with it');
});
