import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../src-main/node/session/backoff.ts';
import { DiagnosticsLog, redact } from '../../../src-main/node/session/diagnostics.ts';
import { RequestTracker } from '../../../src-main/node/session/request-tracker.ts';

describe('backoff', () => {
  test('the first attempt after a loss is immediate, then full jitter below a doubling ceiling, capped', () => {
    assert.equal(backoffDelay(1), 0);
    assert.equal(backoffDelay(2, DEFAULT_BACKOFF, () => 0.999), 499, 'first wait well under a second');
    assert.equal(backoffDelay(3, DEFAULT_BACKOFF, () => 0.999), 999);
    assert.equal(backoffDelay(2, DEFAULT_BACKOFF, () => 0), 0);
    for (let n = 2; n < 60; n++) {
      const d = backoffDelay(n, DEFAULT_BACKOFF, () => 0.999999);
      assert.ok(d >= 0 && d < 30_000, `attempt ${n}: ${d}`);
    }
    assert.equal(backoffDelay(40, DEFAULT_BACKOFF, () => 0.5), 15_000);
  });
});

describe('diagnostics log', () => {
  test('passwords are redacted, sent or echoed, string or number', () => {
    assert.equal(redact('{"fname":"login","id":"cube","pwd":"se\\"cret"}'), '{"fname":"login","id":"cube","pwd":"***"}');
    assert.equal(redact('{"fname":"login","pwd":123456,"result":1}'), '{"fname":"login","pwd":"***","result":1}');
    const log = new DiagnosticsLog(10);
    log.add('out', '{"fname":"login","id":"cube","pwd":"cube123"}');
    assert.ok(!JSON.stringify(log.list()).includes('cube123'));
  });

  test('bounded: the last N entries, oldest first', () => {
    const log = new DiagnosticsLog(1000);
    for (let i = 0; i < 2500; i++) log.add('in', String(i));
    const list = log.list();
    assert.equal(list.length, 1000);
    assert.equal(list[0]!.text, '1500');
    assert.equal(list.at(-1)!.text, '2499');
  });
});

describe('request tracker', () => {
  test('responses go to the oldest request with the same key; each request ends once', async () => {
    const t = new RequestTracker();
    const a = t.track('hold:1001|7', 1000);
    const b = t.track('hold:1001|7', 1000);
    assert.equal(t.resolve('hold:1001|7', 1), 'delivered');
    assert.equal(t.resolve('hold:1001|7', -4005), 'delivered');
    assert.equal(t.resolve('hold:1001|7', 1), 'unmatched', 'nobody waits any more');
    assert.deepEqual(await a, { kind: 'result', result: 1 });
    assert.deepEqual(await b, { kind: 'result', result: -4005 });
  });

  test('a late response is recognised as late, not given to a newer request with the same key', async () => {
    const t = new RequestTracker();
    const first = t.track('x', 20);
    assert.deepEqual(await first, { kind: 'timeout' });
    const second = t.track('x', 1000);
    assert.equal(t.resolve('x', -4005), 'late', "the first request's answer");
    assert.equal(t.resolve('x', 1), 'delivered');
    assert.deepEqual(await second, { kind: 'result', result: 1 });
  });

  test('a timed-out slot waits for its late answer one more timeout period only', async () => {
    let now = 0;
    const t = new RequestTracker(() => now);
    const first = t.track('x', 10);
    assert.deepEqual(await first, { kind: 'timeout' });
    now += 50;
    const second = t.track('x', 1000);
    assert.equal(t.resolve('x', 1), 'delivered', 'the never-answered request no longer holds the line');
    assert.deepEqual(await second, { kind: 'result', result: 1 });
  });

  test('timeout and disconnect end requests', async () => {
    const t = new RequestTracker();
    const slow = t.track('x', 20);
    assert.deepEqual(await slow, { kind: 'timeout' });
    const cut = t.track('y', 1000);
    t.failAll();
    assert.deepEqual(await cut, { kind: 'disconnected' });
    assert.equal(t.size, 0);
  });
});
