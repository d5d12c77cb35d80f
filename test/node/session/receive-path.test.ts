// What the session does with odd things from the server: replies with null or wrongly typed
// fields, replies nobody asked for, replies after their request timed out, frames on a link the
// session already left. It never throws, logs what it could not use, and every command still
// gets exactly one definite outcome.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import { answerAll, scriptedServer } from '../helpers/scripted-server.ts';
import { connected, testSession, until } from './fixtures.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { CLIENT_MESSAGES, RESULT_MESSAGES } from '../../../src-main/common/protocol/catalogue.ts';
import type { CtiSession, CtiSessionConfig } from '../../../src-main/node/session/cti-session.ts';
import type { CommandOutcome } from '../../../src-main/common/state/types.ts';

type Frame = Record<string, unknown>;
/** How the server answers one request: the frames to send back (none: silence). */
type Reply = (frame: Frame) => unknown[];

const TIMEOUT_MS = 300;
const TIMED_OUT: CommandOutcome = { ok: false, kind: 'timeout', code: -4006, message: RESULT_MESSAGES.TIME_OUT };

/**
 * A session connected to a scripted server that answers everything with result 1, except the
 * requests `reply` answers (returns undefined for the others).
 */
async function withServer(
  reply: (frame: Frame) => unknown[] | undefined,
  body: (ctx: { session: CtiSession; logs: string[]; peer: () => WebSocket }) => Promise<void>,
  overrides: Partial<CtiSessionConfig> = {},
): Promise<void> {
  let peer: WebSocket | undefined;
  const server = await scriptedServer((frame, ws) => {
    peer = ws;
    const frames = reply(frame);
    if (!frames) return answerAll(frame, ws);
    for (const f of frames) ws.send(typeof f === 'string' ? f : JSON.stringify(f));
  });
  const logs: string[] = [];
  const session = testSession([server.url], {
    requestTimeoutMs: TIMEOUT_MS,
    log: (level, m) => logs.push(`${level} ${m}`),
    ...overrides,
  });
  try {
    session.start();
    await connected(session);
    await body({ session, logs, peer: () => peer! });
  } finally {
    await session.stop();
    await server.stop();
  }
}

const notes = (session: CtiSession) =>
  session
    .diagnostics()
    .filter((d) => d.dir === 'note')
    .map((d) => d.text);
const only = (fname: string, reply: Reply) => (frame: Frame) => (frame.fname === fname ? reply(frame) : undefined);

// Each case has its own server and session, and most wait out the request timeout: side by side.
describe('session: odd replies to a command', { concurrency: true }, () => {
  const hold = { this: '1001', c1: 7 };
  const cases: {
    name: string;
    reply: Reply;
    outcome: CommandOutcome;
    oddities: { decodeErrors: number; unmatchedResponses: number };
    note?: string;
  }[] = [
    {
      name: 'the echo with "c1" as a string and "this" as a number: matched all the same',
      reply: (f) => [{ ...f, c1: '7', this: 1001, result: 1 }],
      outcome: { ok: true, result: 1 },
      oddities: { decodeErrors: 0, unmatchedResponses: 0 },
    },
    {
      name: 'a result as a string "-4005": a refusal in plain words',
      reply: (f) => [{ ...f, result: '-4005' }],
      outcome: { ok: false, kind: 'rejected', code: -4005, message: RESULT_MESSAGES.RESPONSE_FAIL },
      oddities: { decodeErrors: 0, unmatchedResponses: 0 },
    },
    {
      name: 'a result of 2: success',
      reply: (f) => [{ ...f, result: 2 }],
      outcome: { ok: true, result: 2 },
      oddities: { decodeErrors: 0, unmatchedResponses: 0 },
    },
    {
      name: 'a result of 0: a failure with an unknown code, still in words',
      reply: (f) => [{ ...f, result: 0 }],
      outcome: {
        ok: false,
        kind: 'rejected',
        code: 0,
        message: { ko: `${CLIENT_MESSAGES.UNKNOWN_RESULT.ko} (0)`, en: `${CLIENT_MESSAGES.UNKNOWN_RESULT.en} (0)` },
      },
      oddities: { decodeErrors: 0, unmatchedResponses: 0 },
    },
    {
      name: 'an unknown negative result: a failure naming the code',
      reply: (f) => [{ ...f, result: -4777 }],
      outcome: {
        ok: false,
        kind: 'rejected',
        code: -4777,
        message: {
          ko: `${CLIENT_MESSAGES.UNKNOWN_RESULT.ko} (-4777)`,
          en: `${CLIENT_MESSAGES.UNKNOWN_RESULT.en} (-4777)`,
        },
      },
      oddities: { decodeErrors: 0, unmatchedResponses: 0 },
    },
    {
      name: 'an unreadable result ("ok"): a decode error, and the command times out',
      reply: (f) => [{ ...f, result: 'ok' }],
      outcome: TIMED_OUT,
      oddities: { decodeErrors: 1, unmatchedResponses: 0 },
      note: 'decode-error: bad-result: result "ok"',
    },
    {
      name: 'the echo with "c1": null: no request matches it, and the command times out',
      reply: (f) => [{ ...f, c1: null, result: 1 }],
      outcome: TIMED_OUT,
      oddities: { decodeErrors: 0, unmatchedResponses: 1 },
      note: 'unmatched-response: hold result 1: no request waiting for it',
    },
    {
      name: 'a reply without fname: unmatched, and the command times out',
      reply: () => [{ result: 1 }],
      outcome: TIMED_OUT,
      oddities: { decodeErrors: 0, unmatchedResponses: 1 },
      note: 'unmatched-response: (no fname) result 1: no request waiting for it',
    },
    {
      name: 'a reply that is not JSON: a decode error, and the command times out',
      reply: () => ['{"fname":"hold",'],
      outcome: TIMED_OUT,
      oddities: { decodeErrors: 1, unmatchedResponses: 0 },
    },
    {
      name: 'no reply at all: TIME_OUT',
      reply: () => [],
      outcome: TIMED_OUT,
      oddities: { decodeErrors: 0, unmatchedResponses: 0 },
    },
  ];
  for (const c of cases) {
    test(c.name, () =>
      withServer(only('hold', c.reply), async ({ session }) => {
        const outcome = await session.command('hold', hold);
        assert.deepEqual(outcome, c.outcome);
        assert.deepEqual({ ...session.oddities }, { ...c.oddities, binaryFrames: 0 });
        if (c.note) assert.ok(notes(session).includes(c.note), JSON.stringify(notes(session)));
        const s = session.getState();
        assert.equal(s.connection.status, 'connected', 'the session stays up');
        if (outcome.ok || !('code' in outcome)) assert.equal(s.lastError, undefined);
        else {
          const source = outcome.kind === 'rejected' ? 'server' : 'client';
          assert.deepEqual(
            { ...s.lastError, at: 0 },
            { source, code: outcome.code, message: outcome.message, fname: 'hold', at: 0 },
            'the agent is told',
          );
        }
      }),
    );
  }

  test('a reply to logon with "agent": null: logged, no throw; logon times out and the agent is not taken as logged on', () =>
    withServer(
      only('logon', (f) => [{ ...f, agent: null, result: 1 }]),
      async ({ session, logs }) => {
        const outcome = await session.logon();
        assert.deepEqual(outcome, TIMED_OUT);
        assert.equal(session.oddities.unmatchedResponses, 1);
        assert.ok(
          logs.includes('warn unmatched-response: logon result 1: no request waiting for it'),
          JSON.stringify(logs),
        );
        assert.equal(session.getState().agent.state, 'loggedOff');
      },
    ));

  test('a reply to login with "id": null: the login times out, the session never connects and tries again', async () => {
    const server = await scriptedServer((frame, ws) => ws.send(JSON.stringify({ ...frame, id: null, result: 1 })));
    const session = testSession([server.url], { requestTimeoutMs: TIMEOUT_MS });
    try {
      session.start();
      const s = await until(session, 'a login timeout', (st) => st.lastError?.code === -4006);
      assert.notEqual(s.connection.status, 'connected');
      await until(session, 'a retry', (st) => st.connection.attempt >= 2);
    } finally {
      await session.stop();
      await server.stop();
    }
  });
});

describe('session: frames nobody asked for', () => {
  test('an unasked response: counted, noted, logged; nothing else changes', () =>
    withServer(
      () => undefined,
      async ({ session, logs, peer }) => {
        const before = session.getState();
        peer().send(JSON.stringify({ fname: 'hold', this: '1001', c1: 9, result: 1 }));
        await waitFor(() => session.oddities.unmatchedResponses === 1, 3000, 'the unasked response');
        assert.ok(
          session
            .diagnostics()
            .some((d) => d.dir === 'in' && d.text === '{"fname":"hold","this":"1001","c1":9,"result":1}'),
          'kept as received',
        );
        assert.ok(notes(session).includes('unmatched-response: hold result 1: no request waiting for it'));
        assert.ok(logs.includes('warn unmatched-response: hold result 1: no request waiting for it'));
        assert.equal(session.getState(), before, 'the same state object');
      },
    ));

  test('events with null or wrongly typed sections: never thrown, the state unchanged, the session up', () =>
    withServer(
      () => undefined,
      async ({ session, peer }) => {
        const before = session.getState();
        const odd = [
          { monitor: '1001', fname: 'event', id: 4, this: '1001', call: null, agent: null, queue: null, attach: null },
          { monitor: '1001', fname: 'event', id: 4, this: '1001', call: 'x', agent: 7, queue: [1], attach: true },
          { monitor: '1001', fname: 'event', id: 201, this: '1002', agent: null },
          { monitor: '1001', fname: 'event', id: 4, this: '1001', call: { c1: 'x7' } },
        ];
        for (const frame of odd) peer().send(JSON.stringify(frame));
        peer().send(JSON.stringify({ fname: 'ghost', result: 1 }));
        await waitFor(() => session.oddities.unmatchedResponses === 1, 3000, 'the frames');
        const after = session.getState();
        assert.ok(
          notes(session).some((n) => n.startsWith('event-fields: ')),
          'the unreadable fields are noted',
        );
        assert.deepEqual(after.calls, {});
        assert.deepEqual(after.agent, before.agent);
        assert.equal(after.connection.status, 'connected');
      },
    ));

  test('oddities are logged at most once a second per kind, every one kept in diagnostics', async () => {
    let now = 1_000_000;
    await withServer(
      () => undefined,
      async ({ session, logs, peer }) => {
        const decodeWarnings = () => logs.filter((l) => l.startsWith('warn decode-error')).length;
        const send = async (n: number) => {
          const target = session.oddities.decodeErrors + n;
          for (let i = 0; i < n; i++) peer().send(`garbage ${i}`);
          await waitFor(() => session.oddities.decodeErrors === target, 3000, 'the garbage');
        };
        await send(3);
        assert.equal(decodeWarnings(), 1);
        peer().send(JSON.stringify({ fname: 'ghost', result: 1 }));
        await waitFor(() => session.oddities.unmatchedResponses === 1, 3000, 'the ghost');
        assert.ok(
          logs.includes('warn unmatched-response: ghost result 1: no request waiting for it'),
          'another kind is logged at once',
        );
        now += 999;
        await send(1);
        assert.equal(decodeWarnings(), 1, 'still within the second');
        now += 1;
        await send(2);
        assert.equal(decodeWarnings(), 2, 'a second later, once more');
        assert.equal(notes(session).filter((n) => n.startsWith('decode-error')).length, 6);
      },
      { now: () => now },
    );
  });
});

describe('session: binary frames', () => {
  test('a binary frame is ignored, counted and noted', () =>
    withServer(
      () => undefined,
      async ({ session, peer }) => {
        peer().send(Buffer.from([0x7b, 0x7d]));
        await waitFor(() => session.oddities.binaryFrames === 1, 3000, 'the binary frame');
        assert.ok(notes(session).includes('binary-frame: the server sent a binary frame; ignored'));
        assert.equal(session.getState().connection.status, 'connected');
      },
    ));
});

describe('session: late replies', () => {
  test('a reply after its request timed out: the command had its TIME_OUT; the reply is logged as late', () => {
    return withServer(
      only('hold', () => []),
      async ({ session, peer, logs }) => {
        const first = await session.command('hold', { this: '1001', c1: 7 });
        assert.deepEqual(first, TIMED_OUT);
        peer().send(JSON.stringify({ fname: 'hold', this: '1001', c1: 7, result: 1 }));
        await waitFor(() => session.oddities.unmatchedResponses === 1, 3000, 'the late reply');
        assert.ok(notes(session).includes('late-response: hold result 1: arrived after its request timed out'));
        assert.ok(logs.includes('warn late-response: hold result 1: arrived after its request timed out'));
        assert.deepEqual(
          { ...session.getState().lastError, at: 0 },
          { source: 'client', code: -4006, message: RESULT_MESSAGES.TIME_OUT, fname: 'hold', at: 0 },
        );
      },
    );
  });
});
