// The session against the real simulator: logging in, monitors, agent commands, outcomes, effects.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, simulator } from '../simulator/fixtures.ts';
import { connected, testSession, until } from './fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import type { Effect } from '../../../src-main/common/state/types.ts';

for (const dialect of DIALECTS)
  describe(`session (${dialect} dialect)`, () => {
    let sim: Simulator;
    before(async () => {
      sim = await simulator({ config: { dialect } });
    });
    after(() => sim.stop());

    test('connects, logs in and monitors the extension and the queue, once each', async () => {
      const session = testSession(sim.endpoints);
      const seen: string[] = [];
      session.onState((s) => {
        if (seen.at(-1) !== s.connection.status) seen.push(s.connection.status);
      });
      session.start();
      const s = await connected(session);
      assert.deepEqual(seen, ['connecting', 'logging-in', 'connected']);
      assert.equal(s.connection.endpoint, sim.endpoints[0]);
      const mine = sim.state().sessions.filter((x) => x.loggedIn);
      assert.equal(mine.length, 1);
      assert.deepEqual(mine[0]!.monitors, ['1001', '401']);
      await session.stop();
      await until(session, 'idle', (st) => st.connection.status === 'idle');
      assert.equal(sim.state().sessions.filter((x) => x.loggedIn).length, 0, 'logout said goodbye');
    });

    test('agent commands change the state the switch reports', async () => {
      const session = testSession(sim.endpoints);
      session.start();
      await connected(session);
      assert.deepEqual(await session.logon(), { ok: true, result: 1 });
      await until(session, 'not ready after logon (wmode 1)', (s) => s.agent.state === 'notReady');
      await session.ready();
      await until(session, 'ready', (s) => s.agent.state === 'ready');
      await session.notReady(3);
      const s = await until(session, 'not ready 3', (st) => st.agent.state === 'notReady' && st.agent.reason === 3);
      assert.equal(s.agent.eventId, 203);
      await session.afterWork(0);
      await until(session, 'after work', (st) => st.agent.state === 'afterWork');
      assert.deepEqual(await session.logoff(0), { ok: true, result: 1 });
      await until(session, 'logged off', (st) => st.agent.state === 'loggedOff');
      await session.stop();
    });

    test('a field error before anything is sent; a refusal with its plain message; not connected at once when stopped', async () => {
      const session = testSession(sim.endpoints);
      session.start();
      await connected(session);
      const sentBefore = session.diagnostics().filter((d) => d.dir === 'out').length;
      const invalid = await session.command('answer', { this: '1001', c1: 0 });
      assert.equal(invalid.ok, false);
      assert.ok(!invalid.ok && invalid.kind === 'invalid' && invalid.errors[0]?.field === 'c1');
      assert.equal(session.diagnostics().filter((d) => d.dir === 'out').length, sentBefore, 'nothing sent');
      const refused = await session.command('retrieve', { this: '1001', c1: 999 });
      assert.ok(!refused.ok && refused.kind === 'rejected' && refused.code === -4005);
      assert.match(refused.message.en, /could not carry out/);
      assert.equal(session.getState().lastError?.code, -4005);
      await session.stop();
      const offline = await session.command('dial', { this: '1001', called: '1002' });
      assert.ok(!offline.ok && offline.kind === 'not-connected');
      assert.match(offline.message.ko, /연결/);
    });

    test('a ringing inbound call: one notification effect; the password never reaches diagnostics', async () => {
      const session = testSession(sim.endpoints);
      const effects: Effect[] = [];
      session.onEffect((e) => effects.push(e));
      session.start();
      await connected(session);
      const { c1 } = sim.inbound({ from: '01012345678', to: '1001', uui: 'hello' });
      await until(session, 'ringing', (s) => s.calls[c1]?.phase === 'ringing');
      assert.deepEqual(effects, [{ type: 'notify', c1, caller: '01012345678', origin: '9000', uui: 'hello' }]);
      assert.deepEqual(await session.command('answer', { this: '1001', c1 }), { ok: true, result: 1 });
      await until(session, 'connected call', (s) => s.calls[c1]?.phase === 'connected');
      assert.equal(effects.length, 1);
      sim.hangup(c1);
      await until(session, 'call gone', (s) => !s.calls[c1]);
      const texts = session.diagnostics().map((d) => d.text);
      assert.ok(
        texts.some((t) => t.includes('"fname":"login"') && t.includes('"pwd":"***"')),
        'login sent, redacted',
      );
      assert.ok(!texts.some((t) => t.includes('cube123')), 'no password in diagnostics, sent or echoed');
      await session.stop();
    });

    test('a wrong password: LOGIN_FAIL in plain words, not retried, never connected', async () => {
      const session = testSession(sim.endpoints, { password: 'nope' });
      session.start();
      const s = await until(session, 'login error', (st) => st.lastError?.code === -4007);
      assert.match(s.lastError!.message.en, /Login failed/);
      await until(session, 'refused', (st) => st.connection.status === 'refused');
      await session.stop();
      assert.equal(session.getState().connection.status, 'idle');
    });

    test('a server silent past the timeout: the command ends as TIME_OUT (-4006), in plain words', async () => {
      const session = testSession(sim.endpoints, { requestTimeoutMs: 150 });
      session.start();
      await connected(session);
      await sim.fault({ kind: 'silence', ms: 200 });
      const timedOut = await session.command('addmonitor', { device: '1002' });
      assert.ok(!timedOut.ok && timedOut.kind === 'timeout' && timedOut.code === -4006);
      assert.match(timedOut.message.en, /did not answer in time/);
      await session.stop();
    });

    test('needs an endpoint', () => {
      assert.throws(() => testSession([]), /at least one endpoint/);
    });
  });

describe('session: odd servers', () => {
  test('a late response is logged, and the next request with the same key gets its own answer', async () => {
    const { scriptedServer, answerAll } = await import('../helpers/scripted-server.ts');
    let holds = 0;
    let answerQueue = Promise.resolve();
    const server = await scriptedServer((frame, ws) => {
      if (frame.fname !== 'hold') return answerAll(frame, ws);
      const n = ++holds;
      // answers in order: the first one late (after its timeout), the second right behind it
      answerQueue = answerQueue
        .then(() => new Promise((r) => setTimeout(r, n === 1 ? 250 : 0)))
        .then(() => {
          ws.send(JSON.stringify({ ...frame, result: n === 1 ? -4005 : 1 }));
        });
    });
    const session = testSession([server.url], { requestTimeoutMs: 150 });
    try {
      session.start();
      await connected(session);
      const first = await session.command('hold', { this: '1001', c1: 7 });
      assert.ok(!first.ok && first.kind === 'timeout');
      const second = await session.command('hold', { this: '1001', c1: 7 });
      assert.deepEqual(second, { ok: true, result: 1 }, 'not the late -4005 meant for the first');
      assert.equal(session.oddities.unmatchedResponses, 1);
      assert.ok(session.diagnostics().some((d) => d.dir === 'note' && d.text.startsWith('late-response')));
    } finally {
      await session.stop();
      await server.stop();
    }
  });

  test('garbage, binary and unknown events are logged and counted, never thrown; the session stays up', async () => {
    const { scriptedServer, answerAll } = await import('../helpers/scripted-server.ts');
    const server = await scriptedServer((frame, ws) => {
      answerAll(frame, ws);
      if (frame.fname === 'addmonitor' && frame.device === '401') {
        ws.send('not json at all');
        ws.send(Buffer.from([1, 2, 3]));
        ws.send('{"fname":"event","id":"x"}');
        ws.send('{"fname":"ghost","result":1}');
        // Last: frames are read in order, so once this one is counted, all the others are too.
        ws.send('{"fname":"event","id":555,"this":"1001","monitor":"1001"}');
      }
    });
    const session = testSession([server.url]);
    try {
      session.start();
      await connected(session);
      await until(session, 'unknown event counted', (s) => s.unknownEvents === 1);
      assert.equal(session.oddities.decodeErrors, 2);
      assert.equal(session.oddities.binaryFrames, 1);
      assert.equal(session.oddities.unmatchedResponses, 1);
      assert.equal(session.getState().connection.status, 'connected');
    } finally {
      await session.stop();
      await server.stop();
    }
  });
});
