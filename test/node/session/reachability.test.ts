// Always reachable: a dead link is found in seconds with the default heartbeat, a nudge from
// outside (wake, unlock, network back, a timed-out request) checks at once, and a sleep leaves
// nothing stale behind. Against the real simulator's HA pair, and a scripted server where pings
// must be counted.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { connected, connections, testSession, until, simulatorPairForEachTest } from './fixtures.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { answerAll, scriptedServer } from '../helpers/scripted-server.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import type { CtiSession } from '../../../src-main/node/session/cti-session.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';

/** The app's defaults for detection, with the test fixture's short request timeout left as the app's. */
const DEFAULTS = { heartbeatMs: undefined, requestTimeoutMs: undefined, probeMs: undefined } as const;

describe('session: a dead link is found fast (defaults)', () => {
  let sim: Simulator;
  let session: CtiSession;
  simulatorPairForEachTest(
    (s) => (sim = s),
    () => session,
  );

  test('silence: suspect first, dead and reconnected to the other endpoint within 5 s', async () => {
    session = testSession(sim.endpoints, DEFAULTS);
    session.start();
    await connected(session);
    let suspectAt: number | undefined;
    session.onState((s) => {
      if (s.connection.suspect && suspectAt === undefined) suspectAt = Date.now();
    });
    const back = connections(session).next(8000);
    const t0 = Date.now();
    await sim.fault({ kind: 'silence', ms: 60_000, endpoint: 0 });
    const s = await back;
    const tookMs = Date.now() - t0;
    assert.ok(tookMs <= 5000, `dead and back in ${tookMs} ms`);
    assert.equal(s.connection.endpointIndex, 1);
    assert.ok(
      suspectAt !== undefined && suspectAt - t0 < tookMs,
      'the light turned amber before the link was given up',
    );
    assert.match(s.connection.lastClose!.reason, /heartbeat/);
  });

  test('a slow but alive server (every answer after 1.5 s) is never declared dead', async () => {
    const server = await scriptedServer((frame, ws) => {
      setTimeout(() => answerAll(frame, ws), 1500);
    });
    session = testSession([server.url], DEFAULTS);
    try {
      session.start();
      await connected(session, 10_000);
      const lost: string[] = [];
      session.onState((s) => {
        if (s.connection.status !== 'connected' || s.connection.suspect) lost.push(s.connection.status);
      });
      const started = Date.now();
      while (Date.now() - started < 7000)
        assert.deepEqual(await session.command('hold', { this: '1001', c1: 7 }), { ok: true, result: 1 });
      assert.deepEqual(lost, [], 'never suspect, never reconnected');
    } finally {
      await session.stop();
      await server.stop();
    }
  });

  test('a request that times out on a quiet link checks it at once: with a 60 s heartbeat, dead within the probe deadline', async () => {
    session = testSession(sim.endpoints, { heartbeatMs: 60_000, requestTimeoutMs: 300, probeMs: 1500 });
    session.start();
    await connected(session);
    const back = connections(session).next(5000);
    await sim.fault({ kind: 'silence', ms: 60_000, endpoint: 0 });
    const t0 = Date.now();
    const timedOut = await session.command('addmonitor', { device: '1002' });
    assert.ok(!timedOut.ok && timedOut.kind === 'timeout');
    const s = await back;
    assert.ok(Date.now() - t0 < 300 + 1500 + 1500, `back after ${Date.now() - t0} ms`);
    assert.equal(s.connection.endpointIndex, 1);
  });

  test('checkNow on a silenced link: dropped within the deadline, reconnected at once with the backoff started again', async () => {
    session = testSession(sim.endpoints, { heartbeatMs: 60_000, probeMs: 1000 });
    session.start();
    await connected(session);
    const waits: [number, number][] = [];
    session.onState((s) => {
      const c = s.connection;
      if (c.status === 'reconnecting' && c.nextRetryAt !== undefined)
        waits.push([c.attempt, c.nextRetryAt - Date.now()]);
    });
    const back = connections(session).next(5000);
    await sim.fault({ kind: 'silence', ms: 60_000, endpoint: 0 });
    const t0 = Date.now();
    session.checkNow('network change');
    const s = await back;
    assert.ok(Date.now() - t0 < 1000 + 1000, `back after ${Date.now() - t0} ms`);
    assert.equal(s.connection.endpointIndex, 1);
    assert.equal(waits[0]![0], 1, 'the first attempt of a fresh count');
    assert.ok(waits[0]![1] <= 0, 'at once');
  });
});

describe('session: nudges cost one ping', () => {
  test('checkNow on a healthy link: one ping, nothing changes; 100 in a burst: still one ping at a time', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    let pings = 0;
    wss.on('connection', (ws) => {
      ws.on('ping', () => pings++);
      ws.on('message', (data) => ws.send(JSON.stringify({ ...(JSON.parse(data.toString()) as object), result: 1 })));
    });
    const session = testSession([`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`], { heartbeatMs: 60_000 });
    try {
      session.start();
      await connected(session);
      const statuses: string[] = [];
      session.onState((s) => statuses.push(s.connection.status));
      session.checkNow('unlock-screen');
      await waitFor(
        () => (session.getState().connection.latencyMs !== undefined ? true : undefined),
        3000,
        'the answer',
      );
      assert.equal(pings, 1);
      for (let i = 0; i < 100; i++) session.checkNow('online');
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(pings <= 2, `${pings} pings for a burst of 100 nudges`);
      assert.ok(!statuses.some((s) => s !== 'connected'), statuses.join(','));
    } finally {
      await session.stop();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
  });
});

describe('session: sleep and wake', () => {
  let sim: Simulator;
  let session: CtiSession;
  simulatorPairForEachTest(
    (s) => (sim = s),
    () => session,
  );

  test('suspend closes the link cleanly and plans nothing for 10 minutes; resume reconnects at once and puts the agent state back', async () => {
    const clock = new FakeClock();
    session = testSession(sim.endpoints, { now: () => clock.now(), timers: clock });
    session.start();
    await connected(session);
    assert.equal((await session.logon()).ok, true);
    assert.equal((await session.notReady(3)).ok, true);
    await until(session, 'not ready 3', (s) => s.agent.state === 'notReady' && s.agent.reason === 3);

    session.suspend();
    const asleep = session.getState().connection;
    assert.notEqual(asleep.status, 'connected');
    assert.equal(asleep.nextRetryAt, undefined, 'no retry planned while asleep');
    await waitFor(() => (sim.state().sessions.length === 0 ? true : undefined), 3000, 'the simulator sees the link go');
    clock.advance(10 * 60_000);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(sim.state().sessions.length, 0, 'nothing reconnected during the sleep');

    const t0 = Date.now();
    session.resume();
    clock.advance(0);
    const s: CoreState = await connected(session, 3000);
    assert.ok(Date.now() - t0 < 1500, `ready ${Date.now() - t0} ms after wake`);
    const agent = sim.state().agents.find((a) => a.device === '1001');
    assert.deepEqual([agent?.state, agent?.reason], ['notReady', 3], 'the agent state put back on the switch');
    assert.equal(s.agent.state, 'notReady');
  });

  test('a retry planned before the sleep is re-armed on wake, never left to fire late', async () => {
    const clock = new FakeClock();
    session = testSession(sim.endpoints, {
      now: () => clock.now(),
      timers: clock,
      random: () => 0.99,
      backoff: { baseMs: 500, capMs: 30_000 },
    });
    await sim.fault({ kind: 'down' });
    session.start();
    // Let the failures pile up to a long wait, as on a night with the server down.
    for (let i = 0; i < 6; i++) {
      const wait = await until(
        session,
        'a planned retry',
        (st) => st.connection.nextRetryAt !== undefined && st.connection.attempt === i + 1,
      );
      clock.advance(wait.connection.nextRetryAt! - clock.now());
    }
    const planned = await until(
      session,
      'a long wait',
      (st) => st.connection.attempt === 7 && st.connection.nextRetryAt !== undefined,
    );
    assert.ok(planned.connection.nextRetryAt! - clock.now() > 10_000, 'a long wait is planned');
    session.suspend();
    await sim.fault({ kind: 'up' });
    session.resume();
    clock.advance(0);
    await connected(session, 3000);
  });
});
