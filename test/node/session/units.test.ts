// The session's small parts on their own, with fake time: reconnect backoff, the diagnostics log,
// the request tracker. (The link, which needs a socket, is in link.test.ts.)
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../src-main/node/session/backoff.ts';
import { DiagnosticsLog, redact } from '../../../src-main/node/session/diagnostics.ts';
import { RequestTracker, type Settled } from '../../../src-main/node/session/request-tracker.ts';

describe('backoff', () => {
  test('the default policy: 0.5 s base, 30 s cap', () => {
    assert.deepEqual(DEFAULT_BACKOFF, { baseMs: 500, capMs: 30_000 });
  });

  // [attempt, random, wait]: the first attempt after a loss is immediate whatever the dice say;
  // then full jitter below a ceiling that doubles from the base up to the cap.
  const cases: [number, number, number][] = [
    [0, 0.999, 0],
    [1, 0.999, 0],
    [2, 0, 0],
    [2, 0.999, 499],
    [3, 0.999, 999],
    [4, 0.5, 1000],
    [7, 0.999, 15_984],
    [8, 0.999, 29_970],
    [40, 0.5, 15_000],
  ];
  for (const [attempt, random, wait] of cases) {
    test(`attempt ${attempt} with a draw of ${random}: waits ${wait} ms`, () => {
      assert.equal(
        backoffDelay(attempt, DEFAULT_BACKOFF, () => random),
        wait,
      );
    });
  }

  test('a custom policy: its own base and cap; the exponent stops growing at 2^30', () => {
    assert.equal(
      backoffDelay(2, { baseMs: 100, capMs: 250 }, () => 0.5),
      50,
    );
    assert.equal(
      backoffDelay(4, { baseMs: 100, capMs: 250 }, () => 0.5),
      125,
      'capped at 250',
    );
    assert.equal(
      backoffDelay(40, { baseMs: 1, capMs: 2 ** 40 }, () => 0.5),
      2 ** 29,
    );
  });

  test('the wait is always within [0, cap) for draws in [0, 1)', () => {
    for (let n = 2; n < 60; n++) {
      const d = backoffDelay(n, DEFAULT_BACKOFF, () => 0.999999);
      assert.ok(d >= 0 && d < 30_000, `attempt ${n}: ${d}`);
    }
  });

  test('without a random source it uses Math.random, still within the ceiling', () => {
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(3);
      assert.ok(Number.isInteger(d) && d >= 0 && d < 1000, String(d));
    }
  });
});

describe('diagnostics log', () => {
  const redactions: [string, string, string][] = [
    ['a string password', '{"fname":"login","id":"cube","pwd":"cube123"}', '{"fname":"login","id":"cube","pwd":"***"}'],
    [
      'an escaped quote inside',
      '{"fname":"login","id":"cube","pwd":"se\\"cret"}',
      '{"fname":"login","id":"cube","pwd":"***"}',
    ],
    ['a number echoed back', '{"fname":"login","pwd":123456,"result":1}', '{"fname":"login","pwd":"***","result":1}'],
    ['a negative decimal', '{"pwd":-12.75}', '{"pwd":"***"}'],
    ['spaces around the colon', '{"pwd" :  "x y"}', '{"pwd" :  "***"}'],
    ['an empty password', '{"pwd":""}', '{"pwd":"***"}'],
    ['two frames on a line', '{"pwd":"a"} {"pwd":"b"}', '{"pwd":"***"} {"pwd":"***"}'],
    [
      'no password at all',
      '{"fname":"dial","this":"1001","called":"pwd"}',
      '{"fname":"dial","this":"1001","called":"pwd"}',
    ],
  ];
  for (const [name, text, expected] of redactions) {
    test(`redacted: ${name}`, () => {
      assert.equal(redact(text), expected);
    });
  }

  test('each entry: when, which way, the redacted text', () => {
    let now = 100;
    const log = new DiagnosticsLog(10, () => now);
    log.add('out', '{"fname":"login","id":"cube","pwd":"cube123"}');
    now = 250;
    log.add('in', '{"fname":"login","id":"cube","pwd":"cube123","result":1}');
    log.add('note', 'late-response: hold');
    assert.deepEqual(log.list(), [
      { at: 100, dir: 'out', text: '{"fname":"login","id":"cube","pwd":"***"}' },
      { at: 250, dir: 'in', text: '{"fname":"login","id":"cube","pwd":"***","result":1}' },
      { at: 250, dir: 'note', text: 'late-response: hold' },
    ]);
    assert.equal(new DiagnosticsLog().capacity, 1000);
  });

  // [capacity, entries added, expected texts oldest first]
  const rings: [number, number, string[]][] = [
    [3, 0, []],
    [3, 2, ['0', '1']],
    [3, 3, ['0', '1', '2']],
    [3, 4, ['1', '2', '3']],
    [3, 5, ['2', '3', '4']],
    [3, 7, ['4', '5', '6']],
    [1, 3, ['2']],
  ];
  for (const [capacity, added, texts] of rings) {
    test(`bounded: capacity ${capacity}, ${added} added: the last ones, oldest first`, () => {
      const log = new DiagnosticsLog(capacity, () => 0);
      for (let i = 0; i < added; i++) log.add('in', String(i));
      assert.deepEqual(
        log.list().map((e) => e.text),
        texts,
      );
    });
  }

  test('bounded at 1,000 by default under a flood', () => {
    const log = new DiagnosticsLog();
    for (let i = 0; i < 2500; i++) log.add('in', String(i));
    const list = log.list();
    assert.equal(list.length, 1000);
    assert.equal(list[0]!.text, '1500');
    assert.equal(list.at(-1)!.text, '2499');
  });

  test('a huge frame is kept cut, with a marker saying how much was left out; the password is redacted before the cut', () => {
    const log = new DiagnosticsLog(10, () => 0, { entryChars: 40, totalChars: 1000 });
    log.add('in', `{"pwd":"cube123","uui":"${'x'.repeat(100)}"}`);
    const [entry] = log.list();
    assert.equal(entry!.text, `{"pwd":"***","uui":"${'x'.repeat(20)}… (82 more characters)`);
    log.add('out', `{"fname":"login","id":"cube","pwd":"${'s'.repeat(60)}"}`);
    assert.ok(!log.list()[1]!.text.includes('sss'), 'a long password never shows in part');
  });

  test('bounded in characters in total: 60 frames of 15 MiB hold no more than the total, the newest kept', () => {
    const log = new DiagnosticsLog();
    const huge = 'y'.repeat(15 * 1024 * 1024);
    for (let i = 0; i < 60; i++) log.add('in', `${i}:${huge}`);
    for (let i = 0; i < 200; i++) log.add('in', `${i}:${'z'.repeat(7000)}`);
    assert.ok(log.size <= 1024 * 1024, `${log.size} characters held`);
    const list = log.list();
    assert.equal(list.at(-1)!.text.slice(0, 4), '199:');
    assert.ok(list.length < 200, `${list.length} entries: the oldest went to stay under the total`);
    assert.equal(
      log.size,
      list.reduce((n, e) => n + e.text.length, 0),
      'the count of characters is exact',
    );
  });
});

describe('request tracker (fake time)', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  /** A tracked request whose outcome can be read synchronously once it settles. */
  function tracked(t: RequestTracker, key: string, timeoutMs: number): { outcome?: Settled } {
    const box: { outcome?: Settled } = {};
    void t.track(key, timeoutMs).then((o) => (box.outcome = o));
    return box;
  }
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

  test('responses go to the oldest request with the same key; other keys are not disturbed', async () => {
    const t = new RequestTracker();
    const a = tracked(t, 'hold:1001|7', 1000);
    const b = tracked(t, 'hold:1001|7', 1000);
    const c = tracked(t, 'hold:1001|8', 1000);
    assert.equal(t.size, 3);
    assert.equal(t.resolve('hold:1001|7', 1), 'delivered');
    assert.equal(t.resolve('hold:1001|7', -4005), 'delivered');
    assert.equal(t.resolve('hold:1001|7', 1), 'unmatched', 'nobody waits any more');
    assert.equal(t.resolve(undefined, 1), 'unmatched', 'a response with no usable key');
    assert.equal(t.resolve('hold:1001|9', 1), 'unmatched', 'a key never asked');
    await flush();
    assert.deepEqual(
      [a.outcome, b.outcome, c.outcome],
      [{ kind: 'result', result: 1 }, { kind: 'result', result: -4005 }, undefined],
    );
    assert.equal(t.size, 1);
  });

  test('a request times out exactly after its timeout, not before', async () => {
    const t = new RequestTracker();
    const a = tracked(t, 'x', 1000);
    mock.timers.tick(999);
    await flush();
    assert.equal(a.outcome, undefined);
    mock.timers.tick(1);
    await flush();
    assert.deepEqual(a.outcome, { kind: 'timeout' });
    assert.equal(t.size, 0, 'a timed-out slot is not a waiting request');
  });

  test('an answered request never times out afterwards', async () => {
    const t = new RequestTracker();
    const a = tracked(t, 'x', 1000);
    t.resolve('x', 1);
    mock.timers.tick(5000);
    await flush();
    assert.deepEqual(a.outcome, { kind: 'result', result: 1 });
    const b = tracked(t, 'x', 1000);
    assert.equal(t.resolve('x', 7), 'delivered', 'no late slot was left behind by the answered request');
    await flush();
    assert.deepEqual(b.outcome, { kind: 'result', result: 7 });
  });

  test('a late response is recognised as late, for one timeout period after the timeout, and never given to a newer request', async () => {
    const t = new RequestTracker();
    const first = tracked(t, 'x', 100);
    mock.timers.tick(100);
    await flush();
    assert.deepEqual(first.outcome, { kind: 'timeout' });
    const second = tracked(t, 'x', 1000);
    mock.timers.tick(99); // now 199: the end of the late window, still inside it
    assert.equal(t.resolve('x', -4005), 'late', "the first request's answer");
    assert.equal(t.resolve('x', 1), 'delivered');
    await flush();
    assert.deepEqual(second.outcome, { kind: 'result', result: 1 });
    assert.deepEqual(first.outcome, { kind: 'timeout' }, 'the first one ended once');
  });

  test('after the late window the never-answered request no longer holds the line', async () => {
    const t = new RequestTracker();
    tracked(t, 'x', 100);
    mock.timers.tick(100);
    mock.timers.tick(101);
    await flush();
    assert.equal(t.resolve('x', 1), 'unmatched', 'an expired slot is not "late"');
    tracked(t, 'x', 100);
    mock.timers.tick(100);
    const third = tracked(t, 'x', 1000);
    mock.timers.tick(101);
    assert.equal(t.resolve('x', 1), 'delivered');
    await flush();
    assert.deepEqual(third.outcome, { kind: 'result', result: 1 });
  });

  test('1,000 requests timed out and never answered: once their late window is over, no key is held', async () => {
    const t = new RequestTracker();
    const boxes = Array.from({ length: 1000 }, (_, i) => tracked(t, `hold:1001|${i}`, 100));
    assert.equal(t.keys, 1000);
    mock.timers.tick(100);
    await flush();
    assert.ok(boxes.every((b) => b.outcome?.kind === 'timeout'));
    assert.equal(t.keys, 1000, 'inside the late window each slot still waits for its late answer');
    assert.equal(t.resolve('hold:1001|7', 1), 'late');
    mock.timers.tick(99);
    assert.equal(t.keys, 999);
    mock.timers.tick(1);
    assert.equal(t.keys, 0, 'all forgotten without any traffic');
    assert.equal(t.resolve('hold:1001|8', 1), 'unmatched');
  });

  test('a late slot forgotten does not disturb a newer request with the same key', async () => {
    const t = new RequestTracker();
    tracked(t, 'x', 100);
    mock.timers.tick(100);
    const newer = tracked(t, 'x', 1000);
    mock.timers.tick(100);
    assert.equal(t.keys, 1);
    assert.equal(t.resolve('x', 5), 'delivered');
    await flush();
    assert.deepEqual(newer.outcome, { kind: 'result', result: 5 });
    assert.equal(t.keys, 0);
  });

  test('the connection is gone: every waiting request ends as disconnected, once; timed-out slots are dropped', async () => {
    const t = new RequestTracker();
    const old = tracked(t, 'x', 50);
    mock.timers.tick(50);
    const a = tracked(t, 'y', 1000);
    const b = tracked(t, 'y', 1000);
    const c = tracked(t, 'z', 1000);
    t.failAll();
    mock.timers.tick(5000);
    await flush();
    assert.deepEqual(
      [old.outcome, a.outcome, b.outcome, c.outcome],
      [{ kind: 'timeout' }, { kind: 'disconnected' }, { kind: 'disconnected' }, { kind: 'disconnected' }],
    );
    assert.equal(t.size, 0);
    assert.equal(t.resolve('x', 1), 'unmatched', 'the late slot went with the connection');
    assert.equal(t.resolve('y', 1), 'unmatched');
  });

  test('the clock is the one given', async () => {
    let now = 1_000_000;
    const t = new RequestTracker(() => now);
    tracked(t, 'x', 100);
    mock.timers.tick(100);
    await flush();
    now += 100;
    assert.equal(t.resolve('x', 1), 'late', 'inside the window by the given clock');
    tracked(t, 'x', 100);
    mock.timers.tick(100);
    await flush();
    now += 101;
    assert.equal(t.resolve('x', 1), 'unmatched', 'past the window by the given clock');
  });
});
