// First contact with a server that follows the guide's tables rather than its samples (issue 24):
// events without `monitor`, String-typed fields checked. Each test runs the real session and reducer
// against the simulator's table dialect over a real socket.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { guideClient, waitFor, type RawClient } from '../helpers/raw-client.ts';
import { simulator } from '../simulator/fixtures.ts';
import { connected, testSession, until } from './fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import type { CtiSession } from '../../../src-main/node/session/cti-session.ts';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Logs `device` on as an agent of group 401, Ready (AUTO_IN), through a raw client of its own. */
async function readyColleague(sim: Simulator, device: string): Promise<RawClient> {
  const c = await guideClient(sim.endpoints[0]!);
  const r = await c.request({
    fname: 'logon',
    this: device,
    agent: { id: device, group: '401', channel: '0', wmode: '3' },
  });
  assert.equal(Number(r.result), 1, `logon ${device}`);
  return c;
}

describe('first contact: a server that sends events as the table lists them (no monitor)', () => {
  let sim: Simulator;
  let session: CtiSession | undefined;
  const lines: string[] = [];
  const clients: RawClient[] = [];
  beforeEach(async () => {
    sim = await simulator({ config: { dialect: 'table' } });
    lines.length = 0;
    session = testSession(sim.endpoints, { log: (level, message) => lines.push(`${level} ${message}`) });
    session.start();
    await connected(session);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await session?.stop();
    await sim.stop();
  });

  test("a queue call ringing at colleague 1002 is not on agent 1001's bar; the queue figure is", async () => {
    clients.push(await readyColleague(sim, '1002'));
    const { c1 } = sim.inbound({ from: '01012345678', to: '401' });
    await waitFor(
      () =>
        sim
          .state()
          .calls.find((c) => c.c1 === c1)
          ?.parties.some((p) => p.device === '1002' && p.state === 'ringing'),
      3000,
      'ringing at 1002',
    );
    // The session hears of it through its monitor of queue 401: Queued, then Delivered at 1002.
    await until(session!, 'the queue figure', (s) => s.queues['401'] !== undefined);
    await delay(100);
    const s = session!.getState();
    assert.deepEqual(s.calls, {}, 'no call on the bar: it rings at a colleague');
    assert.equal(
      lines.filter((l) => l.startsWith('debug') && l.includes('1002')).length,
      1,
      `ignored events for 1002 logged once, at debug: ${JSON.stringify(lines)}`,
    );
  });

  test('a queue call that rings at the agent is on the bar, once, and answered', async () => {
    assert.ok((await session!.logon()).ok);
    assert.ok((await session!.ready()).ok);
    await until(session!, 'ready', (s) => s.agent.state === 'ready');
    const { c1 } = sim.inbound({ from: '01012345678', to: '401', uui: 'order=7' });
    const ringing = await until(session!, 'ringing', (s) => s.calls[c1]?.phase === 'ringing');
    assert.equal(Object.keys(ringing.calls).length, 1);
    assert.equal(ringing.calls[c1]!.party, '01012345678');
    assert.equal(ringing.calls[c1]!.queue, '401');
    assert.deepEqual(await session!.command('answer', { this: '1001', c1 }), { ok: true, result: 1 });
    await until(session!, 'connected', (s) => s.calls[c1]?.phase === 'connected');
    sim.hangup(c1);
    await until(session!, 'gone', (s) => !s.calls[c1]);
  });

  test("the agent's outgoing call is the agent's though its Delivered names the far end (this = 1002)", async () => {
    assert.deepEqual(await session!.command('dial', { this: '1001', called: '1002' }), { ok: true, result: 1 });
    const s = await until(session!, 'a call to 1002', (st) => Object.values(st.calls).some((c) => c.party === '1002'));
    const call = Object.values(s.calls)[0]!;
    assert.equal(call.placedByMe, true);
    assert.equal(call.phase, 'dialing');
    const far = await guideClient(sim.endpoints[0]!);
    clients.push(far);
    assert.equal(Number((await far.request({ fname: 'answer', this: '1002', c1: String(call.c1) })).result), 1);
    await until(session!, 'connected', (st) => st.calls[call.c1]?.phase === 'connected');
    assert.equal(Number((await far.request({ fname: 'clear', this: '1002', c1: String(call.c1) })).result), 1);
    await until(session!, 'gone', (st) => !st.calls[call.c1]);
  });
});

describe('first contact: a server that checks the types of the guide’s tables', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });
  async function start(config: { requestIntegers?: 'either' | 'number' }, integerFieldsAs?: 'string' | 'number') {
    const sim = await simulator({ config: { dialect: 'table', ...config } });
    stops.push(() => sim.stop());
    const session = testSession(sim.endpoints, integerFieldsAs ? { integerFieldsAs } : {});
    stops.push(() => session.stop());
    session.start();
    await connected(session);
    return { sim, session };
  }

  test('with the default settings the agent logs on, goes Ready, not ready with a reason, and logs off', async () => {
    const { session } = await start({});
    assert.deepEqual(await session.logon(), { ok: true, result: 1 });
    await until(session, 'not ready after logon', (s) => s.agent.state === 'notReady');
    assert.deepEqual(await session.ready(), { ok: true, result: 1 });
    await until(session, 'ready', (s) => s.agent.state === 'ready');
    assert.deepEqual(await session.notReady(3), { ok: true, result: 1 });
    await until(session, 'not ready 3', (s) => s.agent.state === 'notReady' && s.agent.reason === 3);
    assert.deepEqual(await session.logoff(0), { ok: true, result: 1 });
    assert.equal(session.getState().lastError, undefined);
  });

  test('a server that wants Integer-typed fields as numbers: -4010 names the request and the setting; numbers then work', async () => {
    const strict = await start({ requestIntegers: 'number' });
    const refused = await strict.session.logon();
    assert.ok(!refused.ok && refused.kind === 'rejected' && refused.code === -4010, JSON.stringify(refused));
    const error = strict.session.getState().lastError!;
    assert.equal(error.code, -4010);
    assert.equal(error.fname, 'logon');
    assert.match(error.message.en, /refused “Log on”.*server\.integerFieldsAs, now text/);
    assert.match(error.message.ko, /“로그온” 요청을 거절.*server\.integerFieldsAs, 현재 문자열/);
    assert.deepEqual(refused.message, error.message, 'the command is told the same words');

    const fitting = await start({ requestIntegers: 'number' }, 'number');
    assert.deepEqual(await fitting.session.logon(), { ok: true, result: 1 });
    await until(fitting.session, 'logged on', (s) => s.agent.state === 'notReady');
  });
});

describe('first contact: events for devices the agent does not watch', () => {
  test('change nothing, and are logged once per device at debug level, for at most MAX_UNWATCHED_LOGGED devices', async () => {
    const { scriptedServer, answerAll } = await import('../helpers/scripted-server.ts');
    const { MAX_UNWATCHED_LOGGED } = await import('../../../src-main/node/session/cti-session.ts');
    const devices = Array.from({ length: MAX_UNWATCHED_LOGGED + 5 }, (_, i) => String(2000 + i));
    const server = await scriptedServer((frame, ws) => {
      answerAll(frame, ws);
      if (frame.fname !== 'addmonitor' || frame.device !== '401') return;
      for (const device of devices) {
        ws.send(JSON.stringify({ fname: 'event', id: 4, this: device, call: { c1: 7, other: '0101234567' } }));
        ws.send(JSON.stringify({ fname: 'event', id: 6, this: device, call: { c1: 7 } }));
      }
      ws.send(
        JSON.stringify({ fname: 'event', id: 4, monitor: '1001', this: '1001', call: { c1: 9, other: '01055' } }),
      );
    });
    const lines: string[] = [];
    const session = testSession([server.url], { log: (level, message) => lines.push(`${level} ${message}`) });
    try {
      session.start();
      await connected(session);
      const s = await until(session, 'the agent’s own call', (st) => st.calls[9] !== undefined);
      assert.deepEqual(Object.keys(s.calls), ['9'], 'only the call at the agent');
      const debug = lines.filter((l) => l.startsWith('debug '));
      assert.equal(debug.length, MAX_UNWATCHED_LOGGED, 'once per device, up to the bound');
      assert.equal(
        debug[0],
        'debug events for 2000, a device this toolbar does not watch, are ignored (first: event 4 of call 7)',
      );
      assert.equal(new Set(debug).size, debug.length);
      assert.ok(!lines.some((l) => l.includes(devices.at(-1)!)), 'past the bound, nothing more');
    } finally {
      await session.stop();
      await server.stop();
    }
  });

  /** What the session logs while a server sends `frames` once monitors are up, then the agent's call 9. */
  async function logLinesFor(...frames: Record<string, unknown>[]): Promise<string[]> {
    const { scriptedServer, answerAll } = await import('../helpers/scripted-server.ts');
    const server = await scriptedServer((frame, ws) => {
      answerAll(frame, ws);
      if (frame.fname !== 'addmonitor' || frame.device !== '401') return;
      for (const sent of frames) ws.send(JSON.stringify({ fname: 'event', ...sent }));
      ws.send(
        JSON.stringify({ fname: 'event', id: 4, monitor: '1001', this: '1001', call: { c1: 9, other: '01055' } }),
      );
    });
    const lines: string[] = [];
    const session = testSession([server.url], { log: (level, message) => lines.push(`${level} ${message}`) });
    try {
      session.start();
      await connected(session);
      await until(session, 'the agent’s own call', (st) => st.calls[9] !== undefined);
      return lines;
    } finally {
      await session.stop();
      await server.stop();
    }
  }

  test("the agent's own events and its queue's are not said to be unwatched", async () => {
    const lines = await logLinesFor(
      { id: 11, monitor: '401', this: '401', call: { c1: 8 }, queue: { dn: '401' } },
      { id: 6, monitor: '1001', this: '1001', call: { c1: 7 } },
    );
    assert.deepEqual(
      lines.filter((l) => l.includes('does not watch')),
      [],
    );
  });

  test('an event naming no device, and an agent event of another agent, are logged as such', async () => {
    const lines = await logLinesFor({ id: 204, this: '1002', agent: { id: '1002' } }, { id: 4, call: { c1: 8 } });
    assert.deepEqual(
      lines.filter((l) => l.startsWith('debug ')),
      [
        'debug events for 1002, a device this toolbar does not watch, are ignored (first: event 204)',
        'debug events for (none), a device this toolbar does not watch, are ignored (first: event 4 of call 8)',
      ],
    );
  });
});
