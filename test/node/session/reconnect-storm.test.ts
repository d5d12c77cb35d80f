// Servers that accept the socket and the login and then drop the link: the session must back off
// as from a refusal, never show "connected" on a link that did not finish, and not hammer the
// server. Real sockets to a scripted server; the retry waits run on a fake clock, so "10 s" and
// "a minute" are the session's own time, not the test's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import { answerAll, scriptedServer } from '../helpers/scripted-server.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { testSession } from './fixtures.ts';
import type { CtiSession } from '../../../src-main/node/session/cti-session.ts';

interface Storm {
  logins: number;
  statuses: Set<string>;
  waits: number[];
}

/**
 * Runs the session for `horizonMs` of its own time: whenever it waits to retry, the clock jumps to
 * the retry; `onConnected` may move the clock and drop the link.
 */
async function storm(
  script: (frame: Record<string, unknown>, ws: WebSocket) => void,
  horizonMs: number,
  onConnected?: (clock: FakeClock, peer: WebSocket) => void,
): Promise<Storm> {
  const clock = new FakeClock();
  const start = clock.now();
  const result: Storm = { logins: 0, statuses: new Set(), waits: [] };
  let peer: WebSocket | undefined;
  const server = await scriptedServer((frame, ws) => {
    peer = ws;
    if (frame.fname === 'login') result.logins++;
    script(frame, ws);
  });
  // The defaults the app ships with: 0.5 s base, 30 s cap, 30 s to count as a success.
  const session: CtiSession = testSession([server.url], {
    backoff: {},
    now: () => clock.now(),
    timers: clock,
    random: () => 0.5,
  });
  session.onState((s) => result.statuses.add(s.connection.status));
  try {
    session.start();
    let seen = 0;
    while (clock.now() - start < horizonMs) {
      const s = await waitFor(
        () => {
          const c = session.getState().connection;
          if (c.status === 'connected' && onConnected) return c;
          return c.status === 'reconnecting' && c.nextRetryAt !== undefined && c.attempt !== seen ? c : undefined;
        },
        5000,
        'the session waiting to retry',
      );
      if (s.status === 'connected') {
        onConnected!(clock, peer!);
        await waitFor(
          () => (session.getState().connection.status !== 'connected' ? true : undefined),
          5000,
          'the link dropped',
        );
        continue;
      }
      seen = s.attempt;
      const wait = s.nextRetryAt! - clock.now();
      result.waits.push(wait);
      clock.advance(wait);
    }
    return result;
  } finally {
    await session.stop();
    await server.stop();
  }
}

describe('session: a reconnect storm is not possible', () => {
  test('a server that closes the link when the monitors are added: 7 logins in 10 s, growing waits, never "connected"', async () => {
    const result = await storm(
      (frame, ws) => (frame.fname === 'addmonitor' ? ws.terminate() : answerAll(frame, ws)),
      10_000,
    );
    assert.ok(!result.statuses.has('connected'), [...result.statuses].join(','));
    // Draw 0.5 of a ceiling that doubles from 0.5 s: 0, 0.25, 0.5, 1, 2, 4, 8 s.
    assert.deepEqual(result.waits, [0, 250, 500, 1000, 2000, 4000, 8000]);
    assert.equal(result.logins, 7, 'before the connection machine this server saw thousands');
  });

  test('a server that drops every link a second after it is ready: the backoff is not reset, about 10 logins a minute', async () => {
    const result = await storm(answerAll, 60_000, (clock, peer) => {
      clock.advance(1000);
      peer.terminate();
    });
    assert.ok(result.statuses.has('connected'));
    // Links ready for only 1 s are not a success, so the waits keep growing: 0, .25, .5, 1, 2, 4, 8, 15 s…
    assert.deepEqual(result.waits.slice(0, 8), [0, 250, 500, 1000, 2000, 4000, 8000, 15_000]);
    assert.ok(result.logins <= 11, `${result.logins} logins in a minute (a reset on every success would make it 60)`);
  });
});
