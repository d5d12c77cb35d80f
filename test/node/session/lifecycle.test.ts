// The session's life: start and stop, the retry schedule, listeners, and what it restores after a
// reconnect to a switch that remembers. Frames and closes from a link the session already left
// never reach the state.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { simulator } from '../simulator/fixtures.ts';
import { answerAll, scriptedServer } from '../helpers/scripted-server.ts';
import { guideClient, waitFor } from '../helpers/raw-client.ts';
import { connected, connections, testSession, until } from './fixtures.ts';
import { CLIENT_MESSAGES, RESULT_MESSAGES } from '../../../src-main/common/protocol/catalogue.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import type { CtiSession, CtiSessionConfig } from '../../../src-main/node/session/cti-session.ts';
import type { CoreState, Effect } from '../../../src-main/common/state/types.ts';

const NOT_CONNECTED = { ok: false, kind: 'not-connected', message: CLIENT_MESSAGES.NOT_CONNECTED };
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('session: links it left behind', () => {
  test('an event arriving on the old link while it closes never reaches the state; its close changes nothing', async () => {
    let peer: WebSocket | undefined;
    let peerClosed = false;
    const server = await scriptedServer((frame, ws) => {
      peer = ws;
      ws.once('close', () => (peerClosed = true));
      if (frame.fname !== 'logout') return answerAll(frame, ws);
      // Hold back the session's close frame, answer the logout, then send an event on the old link.
      const socket = (ws as unknown as { _socket: Socket })._socket;
      socket.pause();
      answerAll(frame, ws);
      setTimeout(() => {
        ws.send(
          JSON.stringify({
            monitor: '1001',
            fname: 'event',
            id: 4,
            this: '1001',
            call: { c1: 5, other: '01012345678', ctype: 1 },
          }),
        );
        ws.pong();
        setTimeout(() => socket.resume(), 50);
      }, 50);
    });
    const session = testSession([server.url]);
    try {
      session.start();
      await connected(session);
      await until(session, 'a heartbeat measured', (s) => s.connection.latencyMs !== undefined);
      await session.stop();
      const idle = session.getState();
      assert.equal(idle.connection.status, 'idle');
      await waitFor(() => peer && peerClosed, 3000, 'the old link closed');
      await delay(50);
      assert.equal(
        session.getState(),
        idle,
        'nothing from the old link: no call, no latency, no close, no status change',
      );
      assert.ok(!session.diagnostics().some((d) => d.dir === 'in' && d.text.includes('"id":4')), 'not even read');
    } finally {
      await server.stop();
    }
  });

  test('stop, then start at once: the new link works, the old one is forgotten', async () => {
    const sim = await simulator();
    const session = testSession(sim.endpoints);
    try {
      session.start();
      await connected(session);
      await session.stop();
      const statuses: string[] = [];
      session.onState((s) => statuses.push(s.connection.status));
      session.start();
      await until(session, 'connected again', (s) => s.connection.status === 'connected');
      assert.equal(statuses[0], 'reconnecting', 'having been connected before, it says "reconnecting"');
      await waitFor(() => sim.state().sessions.length === 1, 3000, 'the old socket gone');
      assert.deepEqual(
        sim.state().sessions.map((x) => [x.loggedIn, x.monitors]),
        [[true, ['1001', '401']]],
      );
      assert.equal((await session.logon()).ok, true);
    } finally {
      await session.stop();
      await sim.stop();
    }
  });
});

describe('session: start and stop', () => {
  let sim: Simulator;
  let session: CtiSession;
  afterEach(async () => {
    await session?.stop();
    await sim?.stop();
  });

  test('start twice: one connection; stop twice: one logout; stop before start: nothing happens', async () => {
    sim = await simulator();
    session = testSession(sim.endpoints);
    const before = session.getState();
    await session.stop();
    assert.equal(session.getState(), before, 'stopping a session never started changes nothing');
    session.start();
    session.start();
    await connected(session);
    await delay(100);
    assert.equal(sim.state().sessions.length, 1);
    await Promise.all([session.stop(), session.stop()]);
    const logouts = session.diagnostics().filter((d) => d.dir === 'out' && d.text.includes('"fname":"logout"'));
    assert.equal(logouts.length, 1);
    assert.deepEqual(
      { status: session.getState().connection.status, attempt: session.getState().connection.attempt },
      { status: 'idle', attempt: 0 },
    );
  });

  test('a command waiting when the session stops ends as "not connected"', async () => {
    sim = await simulator();
    // No heartbeat to end the silent link first: stop() itself must end the waiting command.
    session = testSession(sim.endpoints, { requestTimeoutMs: 3000, heartbeatMs: 60_000 });
    session.start();
    await connected(session);
    await sim.fault({ kind: 'silence', ms: 5000 });
    const waiting = session.command('dial', { this: '1001', called: '1002' });
    await delay(50);
    const t0 = Date.now();
    await session.stop();
    assert.deepEqual(await waiting, NOT_CONNECTED);
    assert.ok(Date.now() - t0 < 2500, 'the goodbye waits at most a second for its answer');
  });

  test('stopped while reconnecting: no goodbye is sent, idle, no more attempts', async () => {
    sim = await simulator();
    session = testSession(sim.endpoints);
    session.start();
    await connected(session);
    await sim.fault({ kind: 'down' });
    await until(session, 'reconnecting', (s) => s.connection.status === 'reconnecting' && s.connection.attempt >= 2);
    await session.stop();
    assert.equal(session.diagnostics().filter((d) => d.dir === 'out' && d.text.includes('logout')).length, 0);
    const idle = session.getState();
    assert.deepEqual([idle.connection.status, idle.connection.attempt], ['idle', 0]);
    await sim.fault({ kind: 'up' });
    await delay(600);
    assert.equal(session.getState().connection.status, 'idle');
    assert.equal(sim.state().sessions.length, 0);
  });

  test('commands while stopped: a field error first, otherwise "not connected", nothing sent', async () => {
    sim = await simulator();
    session = testSession(sim.endpoints);
    const invalid = await session.command('answer', { this: '1001', c1: 0 });
    assert.ok(!invalid.ok && invalid.kind === 'invalid' && invalid.errors[0]?.field === 'c1', JSON.stringify(invalid));
    assert.deepEqual(await session.command('answer', { this: '1001', c1: 3 }), NOT_CONNECTED);
    assert.deepEqual(await session.ready(), NOT_CONNECTED);
    assert.deepEqual(session.diagnostics(), []);
    assert.equal(session.getState().lastError, undefined, 'a refusal at once is not a server error');
  });
});

// Each test has its own servers and session, and most wait out a timeout: side by side.
describe('session: connections that do not get far', { concurrency: true }, () => {
  test('the server hangs up on our goodbye: idle, no retry planned, no new connection', async () => {
    let connections = 0;
    const seenSockets = new Set<WebSocket>();
    const server = await scriptedServer((frame, ws) => {
      if (!seenSockets.has(ws)) {
        seenSockets.add(ws);
        connections++;
      }
      if (frame.fname === 'logout') ws.terminate();
      else answerAll(frame, ws);
    });
    const session = testSession([server.url]);
    try {
      session.start();
      await connected(session);
      await session.stop();
      await delay(300);
      const c = session.getState().connection;
      assert.deepEqual([c.status, c.attempt, c.nextRetryAt, c.endpointIndex], ['idle', 0, undefined, 0]);
      assert.equal(connections, 1);
    } finally {
      await server.stop();
    }
  });

  test('an endpoint that accepts the socket but never answers the handshake: given up after about 2 s, then tried again', async () => {
    const sockets: Socket[] = [];
    const tcp = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', () => resolve()));
    const session = testSession([`ws://127.0.0.1:${(tcp.address() as AddressInfo).port}`]);
    try {
      const t0 = Date.now();
      session.start();
      const s = await until(session, 'the handshake given up', (st) => st.connection.lastClose !== undefined, 10_000);
      assert.ok(Date.now() - t0 >= 1900, `not before 2 s (the heartbeat is only 250 ms): ${Date.now() - t0} ms`);
      assert.equal(s.connection.lastClose!.code, 1006);
    } finally {
      await session.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    }
  });

  test('a frame above maxFrameBytes ends the link as 1009, in plain words', async () => {
    const server = await scriptedServer((frame, ws) => {
      answerAll(frame, ws);
      if (frame.fname === 'addmonitor' && frame.device === '401')
        ws.send(JSON.stringify({ fname: 'event', id: 4, pad: 'x'.repeat(2000) }));
    });
    const session = testSession([server.url], { maxFrameBytes: 1024 });
    try {
      session.start();
      const s = await until(session, 'the close', (st) => st.connection.lastClose !== undefined);
      assert.deepEqual([s.connection.lastClose!.code, s.connection.lastClose!.reason], [1009, 'message too large']);
    } finally {
      await session.stop();
      await server.stop();
    }
  });

  test('a wrong password: the link closed, status "refused", and no second login (accounts lock); other login errors still retry', async () => {
    const sim = await simulator();
    const logged: string[] = [];
    const session = testSession(sim.endpoints, { password: 'nope', log: (_level, m) => logged.push(m) });
    try {
      session.start();
      const s = await until(session, 'refused', (st) => st.connection.status === 'refused');
      await waitFor(
        () => (sim.state().sessions.length === 0 ? true : undefined),
        3000,
        'the link closed by the session',
      );
      assert.deepEqual(
        { ...s.lastError, at: 0 },
        { source: 'server', code: -4007, message: RESULT_MESSAGES.LOGIN_FAIL, at: 0 },
      );
      assert.equal(s.connection.nextRetryAt, undefined);
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(
        session.diagnostics().filter((d) => d.dir === 'out' && d.text.includes('"fname":"login"')).length,
        1,
        'one login, not one every few seconds',
      );
      session.checkNow('online');
      session.resume();
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(session.getState().connection.status, 'refused', 'a nudge does not retry wrong credentials');
      assert.ok(logged.some((m) => /wrong user id or password; not retried/.test(m)));
    } finally {
      await session.stop();
      await sim.stop();
    }
    const other = await scriptedServer((frame, ws) =>
      ws.send(JSON.stringify({ ...frame, result: frame.fname === 'login' ? -4005 : 1 })),
    );
    const retrying = testSession([other.url]);
    try {
      retrying.start();
      await until(retrying, 'a second attempt', (st) => st.connection.attempt >= 2);
      assert.notEqual(
        retrying.getState().connection.status,
        'refused',
        'a login failing for another reason is retried',
      );
    } finally {
      await retrying.stop();
      await other.stop();
    }
  });

  test('the link dropped during the login: never shown as connected, and the waits between attempts grow', async () => {
    const server = await scriptedServer((frame, ws) =>
      frame.fname === 'addmonitor' ? ws.terminate() : answerAll(frame, ws),
    );
    const session = testSession([server.url], { now: () => 5000, random: () => 0.5 });
    const statuses = new Set<string>();
    const waits: number[] = [];
    session.onState((s) => {
      statuses.add(s.connection.status);
      if (s.connection.nextRetryAt !== undefined && waits.length < s.connection.attempt)
        waits.push(s.connection.nextRetryAt - 5000);
    });
    try {
      session.start();
      await until(session, 'four attempts', (s) => s.connection.attempt >= 4);
      assert.ok(!statuses.has('connected'), [...statuses].join(','));
      assert.deepEqual(waits.slice(0, 4), [0, 25, 50, 100]);
    } finally {
      await session.stop();
      await server.stop();
    }
  });

  test('stopped while logging in: no goodbye for a login that never finished', async () => {
    const server = await scriptedServer(() => undefined);
    const session = testSession([server.url], { requestTimeoutMs: 5000 });
    try {
      session.start();
      await until(session, 'logging in', (s) => s.connection.status === 'logging-in');
      const t0 = Date.now();
      await session.stop();
      assert.ok(Date.now() - t0 < 900, 'stopped without waiting on a logout');
      const sent = session
        .diagnostics()
        .filter((d) => d.dir === 'out')
        .map((d) => (JSON.parse(d.text) as { fname: string }).fname);
      assert.deepEqual(sent, ['login']);
      assert.equal(session.getState().connection.status, 'idle');
    } finally {
      await server.stop();
    }
  });

  test('the link dies under a waiting command: "not connected" at once, the agent told, and the session heals', async () => {
    const sim = await simulator();
    const session = testSession(sim.endpoints, { requestTimeoutMs: 4000 });
    try {
      session.start();
      await connected(session);
      const measured = await until(session, 'a heartbeat round trip', (st) => st.connection.latencyMs !== undefined);
      assert.ok(measured.connection.latencyMs! >= 0);
      const back = connections(session).next();
      // Each close, in order: on a loaded machine a reconnect may still meet the silence, and its login fail too.
      const closes: string[] = [];
      let lastClose = session.getState().connection.lastClose;
      session.onState((st) => {
        if (st.connection.lastClose && st.connection.lastClose !== lastClose)
          closes.push(st.connection.lastClose.reason);
        lastClose = st.connection.lastClose;
      });
      await sim.fault({ kind: 'silence', ms: 1500 });
      const outcome = await session.command('dial', { this: '1001', called: '1002' });
      assert.deepEqual(outcome, NOT_CONNECTED);
      assert.deepEqual(
        { ...session.getState().lastError, at: 0 },
        { source: 'client', code: 'not-connected', message: CLIENT_MESSAGES.NOT_CONNECTED, fname: 'dial', at: 0 },
      );
      await back;
      assert.equal(closes[0], 'heartbeat: no answer from the server', 'the link died of the unanswered heartbeat');
    } finally {
      await session.stop();
      await sim.stop();
    }
  });

  test('the defaults: 5 s request timeout, 2 s heartbeat, the default backoff; a slow answer and a silent peer are fine for a while', async () => {
    const server = await scriptedServer((frame, ws) => {
      if (frame.fname === 'hold') setTimeout(() => answerAll(frame, ws), 400);
      else answerAll(frame, ws);
    });
    const logs: string[] = [];
    const session = testSession([server.url], {
      requestTimeoutMs: undefined,
      heartbeatMs: undefined,
      backoff: undefined,
      log: (level, m) => logs.push(`${level} ${m}`),
    });
    try {
      session.start();
      await connected(session);
      assert.deepEqual(logs, [`info connected to ${server.url}`]);
      assert.deepEqual(await session.command('hold', { this: '1001', c1: 7 }), { ok: true, result: 1 });
      assert.equal(session.getState().connection.latencyMs, undefined, 'no ping yet: the first comes after 2 s');
    } finally {
      await session.stop();
      await server.stop();
    }
  });
});

describe('session: the retry schedule', () => {
  test('alternates endpoints; the first retry at once, then full jitter under a doubling ceiling; the count starts again only after 30 s ready', async () => {
    const sim = await simulator({ port2: 0 });
    let now = 5000;
    const session = testSession(sim.endpoints, { now: () => now, random: () => 0.5 });
    const retries: [number, number, number, string | undefined][] = [];
    const statuses: string[] = [];
    session.onState((s) => {
      const c = s.connection;
      if (statuses.at(-1) !== c.status) statuses.push(c.status);
      if (c.status === 'reconnecting' && c.nextRetryAt !== undefined && retries.at(-1)?.[0] !== c.attempt) {
        retries.push([c.attempt, c.endpointIndex, c.nextRetryAt - now, c.endpoint]);
      }
    });
    try {
      await sim.fault({ kind: 'down' });
      session.start();
      await until(session, 'six attempts', (s) => s.connection.attempt >= 6);
      const [a, b] = sim.endpoints;
      // base 50, cap 400, draw 0.5: waits 0, 25, 50, 100, 200, 200
      assert.deepEqual(retries.slice(0, 6), [
        [1, 1, 0, b],
        [2, 0, 25, a],
        [3, 1, 50, b],
        [4, 0, 100, a],
        [5, 1, 200, b],
        [6, 0, 200, a],
      ]);
      assert.equal(statuses[0], 'connecting');
      assert.ok(
        !statuses.slice(1).includes('connecting'),
        `after a failure it is "reconnecting": ${statuses.join(',')}`,
      );
      await sim.fault({ kind: 'up', endpoint: 1 });
      const s = await connected(session);
      assert.deepEqual([s.connection.endpointIndex, s.connection.attempt, s.connection.nextRetryAt], [1, 0, undefined]);
      const failuresBefore = retries.at(-1)![0];

      retries.length = 0;
      now += 29_999;
      await sim.fault({ kind: 'terminate', endpoint: 1 });
      await until(session, 'retried', () => retries.length >= 1);
      assert.equal(retries[0]![0], failuresBefore + 1, 'ready for less than 30 s: not a success, the count goes on');
      assert.equal(retries[0]![2], 200, 'and so does the wait');
      const back = await connected(session);
      assert.equal(back.connection.endpointIndex, 1, 'endpoint 0 is still down');

      retries.length = 0;
      now += 30_000;
      await sim.fault({ kind: 'terminate', endpoint: 1 });
      await until(session, 'retried', () => retries.length >= 1);
      assert.deepEqual(
        retries[0],
        [1, 0, 0, a],
        'after 30 s ready the count starts again: the other endpoint, at once',
      );
      const healed = await connected(session);
      assert.equal(healed.connection.endpointIndex, 1);
      assert.ok(
        session.diagnostics().some((d) => d.dir === 'note' && d.text === `connection to ${b} ended: 1006 `),
        'the loss is in diagnostics',
      );
    } finally {
      await session.stop();
      await sim.stop();
    }
  });
});

describe('session: listeners and settings', () => {
  test('state and effect listeners: called on changes only, and never after unsubscribing; effect settings can change', async () => {
    const sim = await simulator();
    // No heartbeat during the test: each measured round trip is a state change of its own.
    const session = testSession(sim.endpoints, { effects: { notifications: false }, heartbeatMs: 60_000 });
    const states: CoreState[] = [];
    const effects: Effect[] = [];
    const offState = session.onState((s) => states.push(s));
    const offEffect = session.onEffect((e) => effects.push(e));
    try {
      session.start();
      await connected(session);
      for (let i = 1; i < states.length; i++) assert.notEqual(states[i], states[i - 1], 'every call is a change');
      const other = await guideClient(sim.endpoints[0]!, '1002');
      const count = states.length;
      await other.request({ fname: 'dial', this: '1002', called: '1003' });
      await delay(150);
      assert.equal(states.length, count, 'a call between two other extensions changes nothing here');
      const first = sim.inbound({ from: '01011112222', to: '1001' });
      await until(session, 'ringing', (s) => s.calls[first.c1]?.phase === 'ringing');
      assert.deepEqual(effects, [], 'notifications off');
      session.setEffectSettings({ notifications: true });
      sim.hangup(first.c1);
      const second = sim.inbound({ from: '01033334444', to: '1001' });
      await until(session, 'ringing again', (s) => s.calls[second.c1]?.phase === 'ringing');
      assert.deepEqual(effects, [{ type: 'notify', c1: second.c1, caller: '01033334444', origin: '9000' }]);
      offState();
      offEffect();
      const seen = states.length;
      sim.hangup(second.c1);
      const third = sim.inbound({ from: '01055556666', to: '1001' });
      await until(session, 'ringing a third time', (s) => s.calls[third.c1]?.phase === 'ringing');
      assert.equal(states.length, seen);
      assert.equal(effects.length, 1);
      await other.close();
    } finally {
      await session.stop();
      await sim.stop();
    }
  });
});

describe('session: restoring at a switch that remembers', () => {
  let sim: Simulator;
  let session: CtiSession;
  afterEach(async () => {
    await session?.stop();
    await sim?.stop();
  });

  async function readyAgent(overrides: Partial<CtiSessionConfig> = {}): Promise<void> {
    sim = await simulator();
    session = testSession(sim.endpoints, overrides);
    session.start();
    await connected(session);
    await session.logon();
    await session.ready();
    await until(session, 'ready', (s) => s.agent.state === 'ready');
  }
  const agentAtSwitch = () =>
    sim.state().agents.map((a) => ({ device: a.device, state: a.state, reason: a.reason, logons: a.logons }));

  test('"already logged on" is taken quietly, and the state the agent chose is put back if the switch changed it meanwhile', async () => {
    // A second attempt 1.5 s away: time for the supervisor to act while the session is away.
    await readyAgent({ backoff: { baseMs: 1500, capMs: 1500 }, random: () => 0.999 });
    await sim.fault({ kind: 'down' });
    await until(
      session,
      'waiting for the second attempt',
      (s) => s.connection.attempt === 2 && s.connection.nextRetryAt !== undefined,
    );
    await sim.fault({ kind: 'up' });
    // Before the session is back, a supervisor's tool sets the agent Not ready (4).
    const supervisor = await guideClient(sim.endpoints[0]!);
    assert.equal(
      (await supervisor.request({ fname: 'notready', this: '1001', agent: { id: '1001', reason: 4 } })).result,
      1,
    );
    await supervisor.close();
    const s = await connected(session);
    assert.deepEqual(agentAtSwitch(), [{ device: '1001', state: 'ready', reason: 0, logons: 1 }]);
    assert.equal(s.agent.state, 'ready');
    assert.equal(s.lastError, undefined, 'the refused re-logon is no error');
  });

  test('a re-logon refused for another reason (middleware down): the agent is told, no state is sent', async () => {
    await readyAgent();
    await sim.fault({ kind: 'middleware', up: false });
    await sim.fault({ kind: 'restart' });
    const s = await until(
      session,
      'reconnected',
      (st) => st.connection.status === 'connected' && st.connection.lastClose !== undefined,
    );
    assert.deepEqual(
      { ...s.lastError, at: 0 },
      { source: 'server', code: -4901, message: RESULT_MESSAGES.SERVER_UNKNOWN, fname: 'logon', at: 0 },
    );
    const sent = session
      .diagnostics()
      .filter((d) => d.dir === 'out')
      .map((d) => (JSON.parse(d.text) as { fname: string }).fname);
    assert.deepEqual(
      sent.slice(-4),
      ['login', 'addmonitor', 'addmonitor', 'logon'],
      'no ready after the refused logon',
    );
    assert.deepEqual(agentAtSwitch(), []);
  });

  test('an agent logged on or off elsewhere while connected: the session restores what the switch last said', async () => {
    sim = await simulator();
    session = testSession(sim.endpoints);
    session.start();
    await connected(session);
    const tool = await guideClient(sim.endpoints[0]!);
    await tool.request({ fname: 'logon', this: '1001', agent: { id: '1001', group: 401, channel: 0, wmode: 3 } });
    await until(session, 'ready, told by the switch', (s) => s.agent.state === 'ready');
    const links = connections(session);
    let back = links.next();
    await sim.fault({ kind: 'restart' });
    await back;
    assert.deepEqual(agentAtSwitch(), [{ device: '1001', state: 'ready', reason: 0, logons: 2 }]);

    const tool2 = await guideClient(sim.endpoints[0]!);
    await tool2.request({ fname: 'logoff', this: '1001', agent: { id: '1001', group: 401, reason: 0 } });
    await until(session, 'logged off, told by the switch', (s) => s.agent.state === 'loggedOff');
    back = links.next();
    await sim.fault({ kind: 'restart' });
    await back;
    assert.deepEqual(agentAtSwitch(), [], 'not logged on again');
    assert.equal(session.getState().agent.state, 'loggedOff');
    await tool.close();
    await tool2.close();
  });

  test('a monitor the switch refuses: the agent is told which request failed; the session is connected anyway', async () => {
    sim = await simulator();
    session = testSession(sim.endpoints, { identity: { device: '1001', agentId: '1001', queues: ['499'] } });
    session.start();
    const s = await connected(session);
    assert.deepEqual(
      { ...s.lastError, at: 0 },
      { source: 'server', code: -4009, message: RESULT_MESSAGES.MONITOR_ADD_FAIL, fname: 'addmonitor', at: 0 },
    );
    assert.deepEqual(
      sim.state().sessions.map((x) => x.monitors),
      [['1001']],
    );
  });
});

describe('session: an agent the switch already has', () => {
  test('a manual Log on answered "already logged on": on, state not said, no error shown, every state offered; the app is told what to put back', async () => {
    const server = await scriptedServer((frame, ws) =>
      ws.send(JSON.stringify({ ...frame, result: frame.fname === 'logon' ? -4005 : 1 })),
    );
    const intents: unknown[] = [];
    const session = testSession([server.url], { onIntent: (i) => intents.push(i) });
    try {
      session.start();
      await connected(session);
      assert.deepEqual(await session.logon(), { ok: true, result: 1 });
      const s = session.getState();
      assert.equal(s.agent.state, 'loggedOn');
      assert.equal(s.lastError, undefined);
      assert.deepEqual(intents, [{ loggedOn: true, state: undefined, reason: 0 }]);
    } finally {
      await session.stop();
      await server.stop();
    }
  });

  test('an intent given at start is put back at the first login', async () => {
    const seen: string[] = [];
    const server = await scriptedServer((frame, ws) => {
      seen.push(
        `${String(frame.fname)}${frame.agent ? ` ${JSON.stringify((frame.agent as { reason?: unknown }).reason ?? '')}` : ''}`,
      );
      ws.send(JSON.stringify({ ...frame, result: frame.fname === 'logon' ? -4005 : 1 }));
    });
    const session = testSession([server.url], { intent: { loggedOn: true, state: 'notReady', reason: 3 } });
    try {
      session.start();
      await connected(session);
      assert.deepEqual(seen, ['login', 'addmonitor', 'addmonitor', 'logon ""', 'notready "3"']);
      assert.equal(session.getState().agent.state, 'loggedOn', 'on, even before the switch says which state');
    } finally {
      await session.stop();
      await server.stop();
    }
  });
});
