// Faults against the real simulator's HA pair, through its control interface. After each, the
// session is connected and logged in with exactly one monitor per device, the agent's state is
// back, and every command issued during the fault got a definite outcome.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, testSession, until, simulatorPairForEachTest } from './fixtures.ts';
import { guideClient } from '../helpers/raw-client.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import type { CtiSession } from '../../../src-main/node/session/cti-session.ts';
import type { CommandOutcome } from '../../../src-main/common/state/types.ts';

const DEFINITE = new Set(['not-connected', 'timeout', 'rejected', 'invalid']);

describe('session: failover and recovery', () => {
  let sim: Simulator;
  let session: CtiSession;
  simulatorPairForEachTest(
    (s) => (sim = s),
    () => session,
  );

  /** Logged on and Ready, the way an agent starts the day. */
  async function readyAgent(): Promise<void> {
    session.start();
    await connected(session);
    assert.equal((await session.logon()).ok, true);
    assert.equal((await session.ready()).ok, true);
    await until(session, 'ready', (s) => s.agent.state === 'ready');
  }

  /** What the issue asks after every fault. */
  async function assertHealed(endpointIndex?: number): Promise<void> {
    const s = await connected(session);
    if (endpointIndex !== undefined) assert.equal(s.connection.endpointIndex, endpointIndex);
    const live = sim.state().sessions.filter((x) => x.loggedIn);
    assert.equal(live.length, 1, 'one logged-in session');
    assert.deepEqual([...live[0]!.monitors].sort(), ['1001', '401'], 'exactly one monitor per device');
    const agent = sim.state().agents.find((a) => a.device === '1001');
    assert.equal(agent?.state, 'ready', 'agent state restored');
    assert.equal(agent?.logons, 1, 'no duplicate logon');
    assert.equal(session.getState().agent.state, 'ready');
  }

  /** Resolves with the state at the first moment the session is no longer connected. */
  function whenLost(): Promise<ReturnType<CtiSession['getState']>> {
    return new Promise((resolve) => {
      const off = session.onState((st) => {
        if (st.connection.status !== 'connected') {
          off();
          resolve(st);
        }
      });
    });
  }

  /** Commands issued while the fault lasts: each must end definitely, within bounded time. */
  function commandsDuring(): Promise<CommandOutcome>[] {
    return [
      session.command('addmonitor', { device: '1002' }),
      session.notReady(2),
      session.command('dial', { this: '1001', called: '1002' }),
    ];
  }
  async function assertDefinite(outcomes: Promise<CommandOutcome>[]): Promise<void> {
    for (const outcome of await Promise.all(outcomes)) {
      if (!outcome.ok) assert.ok(DEFINITE.has(outcome.kind), JSON.stringify(outcome));
    }
  }

  test('primary down at start: connects to the secondary', async () => {
    await sim.fault({ kind: 'down', endpoint: 0 });
    session = testSession(sim.endpoints);
    await readyAgent();
    await assertHealed(1);
    assert.equal(session.getState().connection.endpoint, sim.endpoints[1]);
  });

  test('primary terminated mid-call: back on the secondary, the call still there and usable', async () => {
    session = testSession(sim.endpoints);
    await readyAgent();
    const { c1 } = sim.inbound({ from: '01012345678', to: '401' });
    await until(session, 'ringing', (s) => s.calls[c1]?.phase === 'ringing');
    await session.command('answer', { this: '1001', c1 });
    await until(session, 'on the call', (s) => s.calls[c1]?.phase === 'connected');
    const t0 = Date.now();
    await sim.fault({ kind: 'terminate', endpoint: 0 });
    const during = commandsDuring();
    await assertDefinite(during);
    await connected(session);
    const healedMs = Date.now() - t0;
    assert.ok(healedMs < 5000, `healed in ${healedMs} ms`);
    const s = session.getState();
    assert.equal(s.connection.endpointIndex, 1);
    assert.equal(s.connection.lastClose?.code, 1006);
    assert.ok(s.calls[c1], 'the call survived the reconnect');
    assert.equal((await session.command('hold', { this: '1001', c1 })).ok, true);
    await until(session, 'held', (st) => st.calls[c1]?.phase === 'held' && !st.calls[c1]?.unconfirmed);
    await session.command('retrieve', { this: '1001', c1 });
    sim.hangup(c1);
    await until(session, 'call over', (st) => !st.calls[c1]);
    await session.ready();
    await assertHealed(1);
  });

  for (const code of [1001, 1011, 1012, 1013]) {
    test(`server closes with ${code}: the agent is told in plain words and the session heals`, async () => {
      session = testSession(sim.endpoints);
      await readyAgent();
      const closes: number[] = [];
      session.onState((s) => {
        const c = s.connection.lastClose?.code;
        if (c !== undefined && closes.at(-1) !== c) closes.push(c);
      });
      const lost = whenLost();
      await sim.fault({ kind: 'close', code, reason: 'test', endpoint: 0 });
      const during = commandsDuring();
      await lost;
      await assertDefinite(during);
      assert.deepEqual(closes, [code]);
      const message = session.getState().connection.lastClose!.message;
      assert.match(message.en, /Reconnecting/);
      assert.ok(message.ko.length > 5);
      await assertHealed(1);
    });
  }

  test('silence: the heartbeat declares the link dead within two intervals and the session moves on', async () => {
    session = testSession(sim.endpoints, { heartbeatMs: 200 });
    await readyAgent();
    const lostState = whenLost();
    const t0 = Date.now();
    await sim.fault({ kind: 'silence', ms: 60_000, endpoint: 0 });
    const during = commandsDuring();
    const lost = await lostState;
    const detectMs = Date.now() - t0;
    assert.ok(detectMs <= 2 * 200 + 300, `dead link detected after ${detectMs} ms`);
    assert.match(lost.connection.lastClose!.reason, /heartbeat/);
    await assertDefinite(during);
    await assertHealed(1);
  });

  test('middleware down: commands get SERVER_UNKNOWN (-4901) in plain words; back up: commands work', async () => {
    session = testSession(sim.endpoints);
    await readyAgent();
    await sim.fault({ kind: 'middleware', up: false });
    const refused = await session.command('dial', { this: '1001', called: '1002' });
    assert.ok(!refused.ok && refused.kind === 'rejected' && refused.code === -4901, JSON.stringify(refused));
    assert.match(refused.message.ko, /미들웨어/);
    assert.equal(session.getState().lastError?.code, -4901);
    await sim.fault({ kind: 'middleware', up: true });
    assert.equal((await session.notReady(1)).ok, true);
    await session.ready();
    await assertHealed(0);
  });

  test('both endpoints down, then one back: retries with backoff, never gives up, heals', async () => {
    session = testSession(sim.endpoints);
    await readyAgent();
    await sim.fault({ kind: 'down' });
    const during = commandsDuring();
    const waiting = await until(session, 'backing off', (s) => s.connection.attempt >= 4);
    assert.equal(waiting.connection.status, 'reconnecting');
    assert.ok(waiting.connection.nextRetryAt! - Date.now() <= 400 + 50, 'waits stay under the cap');
    await assertDefinite(during);
    for (const outcome of await Promise.all(during)) assert.equal(outcome.ok, false);
    const offline = await session.ready();
    assert.ok(!offline.ok && offline.kind === 'not-connected', 'not connected, at once');
    await sim.fault({ kind: 'up', endpoint: 1 });
    await assertHealed(1);
  });

  test('a single endpoint (Single mode) comes back after a restart', async () => {
    session = testSession([sim.endpoints[0]!]);
    await readyAgent();
    await sim.fault({ kind: 'down', endpoint: 0 });
    await until(
      session,
      'reconnecting',
      (s) => s.connection.status === 'reconnecting' && s.connection.endpointCount === 1,
    );
    await sim.fault({ kind: 'up', endpoint: 0 });
    await assertHealed(0);
  });

  test('another client on the pair is not disturbed by our reconnects', async () => {
    session = testSession(sim.endpoints);
    await readyAgent();
    const other = await guideClient(sim.endpoints[1]!, '1002');
    await sim.fault({ kind: 'terminate', endpoint: 0 });
    await connected(session);
    assert.equal((await other.request({ fname: 'addmonitor', device: '1003' })).result, 1);
    await other.close();
  });
});
