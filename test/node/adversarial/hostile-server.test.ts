// A server that misbehaves every way the issue lists, then behaves: the session stays up (or
// comes back), logs each kind of oddity once a second at most, keeps a clear state, and works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import { scriptedServer, answerAll } from '../helpers/scripted-server.ts';
import { sendCallFlood } from '../helpers/push-flood.ts';
import { testSession, connected, until } from '../session/fixtures.ts';

test('garbage, binary, deep nesting, wrong types, unasked responses and a 10,000 events/s flood', async () => {
  let socket: WebSocket | undefined;
  const server = await scriptedServer((frame, ws) => {
    socket = ws;
    answerAll(frame, ws);
  });
  const logged: string[] = [];
  const session = testSession([server.url], { log: (_level, message) => logged.push(message) });
  try {
    session.start();
    await connected(session);
    const ws = socket!;
    for (let i = 0; i < 50; i++) {
      ws.send('not json');
      ws.send(Buffer.from([0xff, 0x00, i]));
      ws.send(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
      ws.send(
        JSON.stringify({ fname: 'event', id: 4, this: 1001, monitor: '1001', call: { c1: 'seven', other: { x: 1 } } }),
      );
      ws.send(JSON.stringify({ fname: 'hold', this: '1001', c1: 9000 + i, result: 1 }));
    }
    // the flood: 10,000 events in about a second, calls ringing and clearing at the agent
    const t0 = Date.now();
    await sendCallFlood(ws, 10_000);
    const floodMs = Date.now() - t0;
    // A mark after the flood: once the session shows it, every event before it was handled (one
    // message a turn: an empty call list alone may show between a clear and the next ring).
    ws.send(JSON.stringify({ fname: 'event', id: 206, this: '1001', monitor: '1001', agent: { id: '1001' } }));
    const state = await until(
      session,
      'flood absorbed',
      (s) => s.agent.state === 'afterWork' && Object.keys(s.calls).length === 0,
    );
    // then behaves
    const outcome = await session.command('addmonitor', { device: '1002' });
    assert.deepEqual(outcome, { ok: true, result: 1 });
    assert.equal(state.connection.status, 'connected');
    assert.equal(session.oddities.binaryFrames, 50);
    assert.equal(session.oddities.decodeErrors, 100, 'not json and too deep: each counted');
    assert.equal(session.oddities.unmatchedResponses, 50);
    // logged at most once a second per kind, not once per frame
    const seconds = Math.ceil(floodMs / 1000) + 2;
    for (const kind of ['decode-error', 'binary-frame', 'unmatched-response', 'event-fields']) {
      const n = logged.filter((l) => l.startsWith(kind)).length;
      assert.ok(n >= 1 && n <= seconds, `${kind} logged ${n} times`);
    }
    assert.ok(session.diagnostics().length <= 1000);
  } finally {
    await session.stop();
    await server.stop();
  }
});

test('a frame above the limit ends the link with 1009, and the session comes back', async () => {
  let first = true;
  const server = await scriptedServer((frame, ws) => {
    answerAll(frame, ws);
    if (frame.fname === 'addmonitor' && frame.device === '401' && first) {
      first = false;
      ws.send(JSON.stringify({ fname: 'event', id: 4, junk: 'x'.repeat(200_000) }));
    }
  });
  const closes: number[] = [];
  const session = testSession([server.url], { maxFrameBytes: 64 * 1024 });
  session.onState((s) => {
    const code = s.connection.lastClose?.code;
    if (code !== undefined && closes.at(-1) !== code) closes.push(code);
  });
  try {
    session.start();
    await until(session, 'the huge frame refused', () => closes.includes(1009));
    await connected(session);
    assert.match(session.getState().connection.lastClose!.message.en, /too large/);
  } finally {
    await session.stop();
    await server.stop();
  }
});

test('by default a frame over 256 KiB ends the link (logged with its reason), one just under is read', async () => {
  let first = true;
  const server = await scriptedServer((frame, ws) => {
    answerAll(frame, ws);
    if (frame.fname === 'addmonitor' && frame.device === '401' && first) {
      first = false;
      const ringing = (uui: string) => ({
        fname: 'event',
        id: 4,
        monitor: '1001',
        this: '1001',
        cnid: 'big',
        call: { c1: 9, other: '0101', uui },
      });
      ws.send(JSON.stringify(ringing('u'.repeat(250 * 1024))));
      ws.send(JSON.stringify(ringing('v'.repeat(300 * 1024))));
    }
  });
  const logged: string[] = [];
  const session = testSession([server.url], {
    maxFrameBytes: undefined,
    log: (_level, message) => logged.push(message),
  });
  try {
    session.start();
    const s = await until(session, 'the 300 KiB frame refused', (st) => st.connection.lastClose?.code === 1009);
    assert.equal(s.calls[9]?.uui, `${'u'.repeat(253)}…`, 'the 250 KiB frame was read, its uui cut to 256 bytes');
    assert.ok(
      logged.some((m) => /ended: 1009 .*too large/i.test(m)),
      logged.join('\n'),
    );
    await connected(session);
  } finally {
    await session.stop();
    await server.stop();
  }
});
