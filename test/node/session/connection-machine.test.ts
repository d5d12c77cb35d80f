// The connection machine on its own: which phase follows which, which events are stale, when the
// failure count starts again, and what the toolbar is told in each phase.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  connectionView,
  initialMachine,
  transition,
  type Machine,
  type MachineEvent,
  type MachinePolicy,
} from '../../../src-main/node/session/connection-machine.ts';
import { prng } from '../helpers/prng.ts';

type L = { name: string };
const A: L = { name: 'a' };
const B: L = { name: 'b' };
const POLICY: MachinePolicy = { endpointCount: 2, backoff: { baseMs: 500, capMs: 30_000 }, stableMs: 30_000 };
const ENDPOINTS = ['ws://primary', 'ws://secondary'];

const run = (events: MachineEvent<L>[], from: Machine<L> = initialMachine(), policy = POLICY): Machine<L> =>
  events.reduce((m, e) => transition(m, e, policy), from);

const toReady = (link: L, at = 0): MachineEvent<L>[] => [
  { type: 'connect', link },
  { type: 'opened', link },
  { type: 'logged-in', link },
  { type: 'monitored', link },
  { type: 'restored', link, at },
];

describe('connection machine: the way to ready', () => {
  test('idle → connecting → logging-in → monitoring → restoring → ready, each step on the same link', () => {
    const phases: string[] = [];
    let m = initialMachine<L>();
    for (const event of toReady(A, 1000)) {
      m = transition(m, event, POLICY);
      phases.push(m.phase);
    }
    assert.deepEqual(phases, ['connecting', 'logging-in', 'monitoring', 'restoring', 'ready']);
    assert.equal(m.phase === 'ready' && m.readySince, 1000);
    assert.equal(m.everReady, true);
  });

  test('the toolbar is told "connecting" at first, "logging in" until the agent state is back, "connected" only when ready', () => {
    const statuses: string[] = [];
    let m = initialMachine<L>();
    for (const event of toReady(A)) {
      m = transition(m, event, POLICY);
      statuses.push(connectionView(m, ENDPOINTS).status!);
    }
    assert.deepEqual(statuses, ['connecting', 'logging-in', 'logging-in', 'logging-in', 'connected']);
    assert.deepEqual(connectionView(m, ENDPOINTS), {
      status: 'connected',
      endpoint: 'ws://primary',
      endpointIndex: 0,
      attempt: 0,
      nextRetryAt: undefined,
      suspect: undefined,
    });
  });

  test('a step out of order changes nothing (the same object back)', () => {
    const connecting = run([{ type: 'connect', link: A }]);
    for (const event of [
      { type: 'logged-in', link: A },
      { type: 'monitored', link: A },
      { type: 'restored', link: A, at: 0 },
      { type: 'connect', link: B },
    ] as MachineEvent<L>[]) {
      assert.equal(transition(connecting, event, POLICY), connecting, event.type);
    }
    const ready = run(toReady(A));
    assert.equal(transition(ready, { type: 'opened', link: A }, POLICY), ready);
    assert.equal(transition(ready, { type: 'connect', link: B }, POLICY), ready, 'no second link while one is in use');
  });
});

describe('connection machine: stale links', () => {
  const phasesWithLink = [1, 2, 3, 4, 5].map((n) => run(toReady(A).slice(0, n)));

  for (const machine of phasesWithLink) {
    test(`in ${machine.phase}: every event about another link is ignored`, () => {
      for (const event of [
        { type: 'opened', link: B },
        { type: 'logged-in', link: B },
        { type: 'monitored', link: B },
        { type: 'restored', link: B, at: 0 },
        { type: 'lost', link: B, at: 0, draw: 0 },
      ] as MachineEvent<L>[]) {
        assert.equal(transition(machine, event, POLICY), machine, `${event.type} of a stale link`);
      }
    });
  }

  test('a link that dropped cannot move the machine: its late "logged in" after the loss changes nothing', () => {
    const waiting = run([
      { type: 'connect', link: A },
      { type: 'opened', link: A },
      { type: 'lost', link: A, at: 0, draw: 0 },
    ]);
    assert.equal(waiting.phase, 'waiting');
    for (const event of toReady(A).slice(2)) assert.equal(transition(waiting, event, POLICY), waiting, event.type);
    const retrying = transition(waiting, { type: 'connect', link: B }, POLICY);
    assert.equal(transition(retrying, { type: 'opened', link: A }, POLICY), retrying, 'the old link opening late');
  });
});

describe('connection machine: losses and backoff', () => {
  for (const n of [1, 2, 3, 4, 5]) {
    test(`a link lost after ${n} step(s) of the way: waiting, one more failure, the other endpoint`, () => {
      const m = run([...toReady(A, 0).slice(0, n), { type: 'lost', link: A, at: 10_000, draw: 0.5 }]);
      assert.equal(m.phase, 'waiting');
      assert.equal(m.failures, 1);
      assert.equal(m.endpointIndex, 1);
      assert.equal(m.phase === 'waiting' && m.retryAt, 10_000, 'the first retry is at once');
      assert.deepEqual(connectionView(m, ENDPOINTS), {
        status: 'reconnecting',
        endpoint: 'ws://secondary',
        endpointIndex: 1,
        attempt: 1,
        nextRetryAt: 10_000,
        suspect: undefined,
      });
    });
  }

  test('a server that drops every link after login: the waits grow under the doubling ceiling and the endpoints alternate', () => {
    let m = initialMachine<L>();
    const waits: number[] = [];
    const endpoints: number[] = [];
    let at = 0;
    for (let i = 0; i < 8; i++) {
      const link = { name: `link${i}` };
      m = run(
        [
          { type: 'connect', link },
          { type: 'opened', link },
          { type: 'logged-in', link },
          { type: 'lost', link, at, draw: 0.999 },
        ],
        m,
      );
      assert.equal(m.phase, 'waiting');
      if (m.phase === 'waiting') {
        waits.push(m.retryAt - at);
        at = m.retryAt;
      }
      endpoints.push(m.endpointIndex);
    }
    assert.deepEqual(waits, [0, 499, 999, 1998, 3996, 7992, 15984, 29970]);
    assert.deepEqual(endpoints, [1, 0, 1, 0, 1, 0, 1, 0]);
    assert.equal(m.failures, 8);
  });

  test('a link ready for less than 30 s is not a success: the count goes on', () => {
    const before = run([
      { type: 'connect', link: A },
      { type: 'lost', link: A, at: 0, draw: 0 },
      { type: 'connect', link: A },
      { type: 'lost', link: A, at: 0, draw: 0 },
    ]);
    assert.equal(before.failures, 2);
    const m = run([...toReady(B, 1000), { type: 'lost', link: B, at: 1000 + 29_999, draw: 0.5 }], before);
    assert.equal(m.failures, 3);
    assert.equal(m.phase === 'waiting' && m.retryAt - 30_999, 500, 'the third wait: half of a 1 s ceiling');
  });

  test('a link ready for 30 s is a success: the count starts again, the retry is at once', () => {
    const before = run([
      { type: 'connect', link: A },
      { type: 'lost', link: A, at: 0, draw: 0 },
      { type: 'connect', link: A },
      { type: 'lost', link: A, at: 0, draw: 0 },
    ]);
    const m = run([...toReady(B, 1000), { type: 'lost', link: B, at: 1000 + 30_000, draw: 0.5 }], before);
    assert.equal(m.failures, 1);
    assert.equal(m.phase === 'waiting' && m.retryAt, 31_000);
  });

  test('a single endpoint: always index 0', () => {
    const m = run(
      [
        { type: 'connect', link: A },
        { type: 'lost', link: A, at: 0, draw: 0 },
      ],
      initialMachine(),
      { ...POLICY, endpointCount: 1 },
    );
    assert.equal(m.endpointIndex, 0);
  });

  test('after a loss the next opening says "reconnecting", and so does every opening after the first success', () => {
    const retry = run([
      { type: 'connect', link: A },
      { type: 'lost', link: A, at: 0, draw: 0 },
      { type: 'connect', link: B },
    ]);
    assert.equal(connectionView(retry, ENDPOINTS).status, 'reconnecting');
    const afterStop = run([...toReady(A), { type: 'stop' }, { type: 'connect', link: B }]);
    assert.equal(afterStop.failures, 0);
    assert.equal(connectionView(afterStop, ENDPOINTS).status, 'reconnecting');
  });
});

describe('connection machine: stop', () => {
  for (const n of [0, 1, 2, 3, 4, 5]) {
    test(`stop after ${n} step(s): idle, no link, failures forgotten`, () => {
      const m = run([...toReady(A).slice(0, n), { type: 'stop' }]);
      assert.equal(m.phase, 'idle');
      assert.ok(!('link' in m));
      assert.equal(m.failures, 0);
      assert.deepEqual(connectionView(m, ENDPOINTS), {
        status: 'idle',
        attempt: 0,
        nextRetryAt: undefined,
        suspect: undefined,
      });
    });
  }

  test('stop while waiting: idle; stop when idle: the same object', () => {
    const waiting = run([
      { type: 'connect', link: A },
      { type: 'lost', link: A, at: 0, draw: 0 },
    ]);
    assert.equal(transition(waiting, { type: 'stop' }, POLICY).phase, 'idle');
    const idle = initialMachine<L>();
    assert.equal(transition(idle, { type: 'stop' }, POLICY), idle);
  });
});

describe('connection machine: what a misbehaving server can cost (default policy)', () => {
  /** Logins in the first minute against a server that drops every link right after login. */
  function loginsInAMinute(random: () => number): number {
    let m = initialMachine<L>();
    let at = 0;
    let logins = 0;
    while (at < 60_000) {
      const link = { name: String(logins) };
      logins++;
      m = run(
        [
          { type: 'connect', link },
          { type: 'opened', link },
          { type: 'lost', link, at, draw: random() },
        ],
        m,
      );
      if (m.phase !== 'waiting') throw new Error('not waiting');
      at = m.retryAt;
    }
    return logins;
  }

  test('over 2,000 seeded runs: a median of about 10 logins in the first minute, 99 % of runs at most 16', () => {
    const random = prng(20261125);
    const counts = Array.from({ length: 2000 }, () => loginsInAMinute(random)).sort((a, b) => a - b);
    const median = counts[1000]!;
    const p99 = counts[1980]!;
    assert.ok(median >= 8 && median <= 12, `median ${median}`);
    assert.ok(p99 <= 16, `p99 ${p99}`);
  });
});

describe('connection machine: nudges and sleep', () => {
  const afterFailures = (n: number): Machine<L> =>
    run(
      Array.from({ length: n }, (_, i) => {
        const link = { name: String(i) };
        return [
          { type: 'connect', link },
          { type: 'lost', link, at: 0, draw: 0.5 },
        ] as MachineEvent<L>[];
      }).flat(),
    );

  test('a link a nudge found dead: the count starts again, the retry is at once', () => {
    const before = afterFailures(5);
    const m = run([...toReady(A, 0), { type: 'lost', link: A, at: 1000, draw: 0.5, fresh: true }], before);
    assert.equal(m.failures, 1);
    assert.equal(m.phase === 'waiting' && m.retryAt, 1000);
  });

  test('retry-now while waiting: at once, the count started again; in any other phase: nothing', () => {
    const waiting = afterFailures(6);
    assert.deepEqual([waiting.phase, waiting.failures], ['waiting', 6]);
    const m = transition(waiting, { type: 'retry-now', at: 42 }, POLICY);
    assert.deepEqual([m.phase, m.failures, m.phase === 'waiting' && m.retryAt], ['waiting', 0, 42]);
    for (const other of [initialMachine<L>(), run(toReady(A)), run(toReady(A).slice(0, 2))]) {
      assert.equal(transition(other, { type: 'retry-now', at: 42 }, POLICY), other, other.phase);
    }
  });

  test('sleep from any phase but idle: asleep, no link, no retry planned; "connect" cannot wake it, retry-now does', () => {
    for (const before of [afterFailures(3), run(toReady(A)), run(toReady(A).slice(0, 3))]) {
      const m = transition(before, { type: 'sleep' }, POLICY);
      assert.equal(m.phase, 'asleep', before.phase);
      assert.ok(!('link' in m) && !('retryAt' in m));
      assert.deepEqual(connectionView(m, ENDPOINTS).nextRetryAt, undefined);
      assert.equal(connectionView(m, ENDPOINTS).status, 'reconnecting');
      assert.equal(transition(m, { type: 'sleep' }, POLICY), m, 'asleep stays asleep');
      assert.equal(transition(m, { type: 'connect', link: B }, POLICY), m, 'no link while asleep');
      const woken = transition(m, { type: 'retry-now', at: 7 }, POLICY);
      assert.deepEqual([woken.phase, woken.failures], ['waiting', 0]);
    }
    const idle = initialMachine<L>();
    assert.equal(transition(idle, { type: 'sleep' }, POLICY), idle, 'a stopped session does not fall asleep');
    assert.equal(
      transition(transition(run(toReady(A)), { type: 'sleep' }, POLICY), { type: 'stop' }, POLICY).phase,
      'idle',
    );
  });

  test('a link that was current before the sleep cannot move the machine after it', () => {
    const asleep = run([...toReady(A), { type: 'sleep' }]);
    for (const event of [
      { type: 'lost', link: A, at: 0, draw: 0 },
      { type: 'restored', link: A, at: 0 },
    ] as MachineEvent<L>[]) {
      assert.equal(transition(asleep, event, POLICY), asleep, event.type);
    }
  });
});

describe('connection machine: credentials refused', () => {
  test('refused while logging in: no link, no retry; nothing but stop moves it', () => {
    const loggingIn = run(toReady(A).slice(0, 2));
    const m = transition(loggingIn, { type: 'refused', link: A }, POLICY);
    assert.equal(m.phase, 'refused');
    assert.ok(!('link' in m));
    assert.deepEqual(connectionView(m, ENDPOINTS).status, 'refused');
    assert.equal(connectionView(m, ENDPOINTS).nextRetryAt, undefined);
    for (const event of [
      { type: 'retry-now', at: 1 },
      { type: 'sleep' },
      { type: 'connect', link: B },
      { type: 'lost', link: A, at: 1, draw: 0 },
    ] as MachineEvent<L>[]) {
      assert.equal(transition(m, event, POLICY), m, event.type);
    }
    assert.equal(transition(m, { type: 'stop' }, POLICY).phase, 'idle');
  });

  test('refused only applies to the login under way on the current link', () => {
    const ready = run(toReady(A));
    assert.equal(transition(ready, { type: 'refused', link: A }, POLICY), ready);
    const loggingIn = run(toReady(A).slice(0, 2));
    assert.equal(transition(loggingIn, { type: 'refused', link: B }, POLICY), loggingIn);
  });
});
