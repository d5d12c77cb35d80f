// Pushes of the whole state, coalesced to one a frame, with fake time.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { PUSH_INTERVAL_MS, PushCoalescer, StatePublisher, whenChanged } from '../../../src-main/node/app/state-push.ts';

function fakeTimeCoalescer() {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  const flushes: number[] = [];
  const push = new PushCoalescer(() => flushes.push(Date.now()), PUSH_INTERVAL_MS, {
    now: () => Date.now(),
    monotonic: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  });
  return { push, flushes };
}

test('a change after a quiet spell is pushed at once: a ringing call is never held back', (t) => {
  t.after(() => mock.timers.reset());
  const { push, flushes } = fakeTimeCoalescer();
  push.request();
  assert.deepEqual(flushes, [1_000_000]);
  mock.timers.tick(1000);
  push.request();
  assert.deepEqual(flushes, [1_000_000, 1_001_000]);
});

test('a flood of 10,000 changes in a second gives at most one push a frame, and the last change is pushed', (t) => {
  t.after(() => mock.timers.reset());
  const { push, flushes } = fakeTimeCoalescer();
  for (let i = 0; i < 10_000; i++) {
    push.request();
    if (i % 10 === 9) mock.timers.tick(1); // 10 changes a millisecond
  }
  mock.timers.tick(PUSH_INTERVAL_MS);
  assert.ok(flushes.length <= Math.ceil(1000 / PUSH_INTERVAL_MS) + 1, `${flushes.length} pushes`);
  assert.ok(
    flushes.length >= 1000 / PUSH_INTERVAL_MS - 2,
    `${flushes.length} pushes: it keeps pushing during the flood`,
  );
  for (let i = 1; i < flushes.length; i++)
    assert.ok(
      flushes[i]! - flushes[i - 1]! >= PUSH_INTERVAL_MS,
      `push ${i} came ${flushes[i]! - flushes[i - 1]!} ms after the one before`,
    );
  assert.ok(flushes.at(-1)! >= 1_000_000 + 1000, 'the changes of the last frame were pushed after the flood');
});

test('cancel drops the push that was waiting', (t) => {
  t.after(() => mock.timers.reset());
  const { push, flushes } = fakeTimeCoalescer();
  push.request();
  push.request();
  push.cancel();
  mock.timers.tick(100);
  assert.equal(flushes.length, 1);
});

test('a listener of one part of the state is called once at first and then only when that part changes', () => {
  const seen: string[] = [];
  const listener = whenChanged(
    (s: { agent: string; latency: number }) => ({ agent: s.agent }),
    (v) => seen.push(v.agent),
  );
  listener({ agent: 'ready', latency: 3 });
  listener({ agent: 'ready', latency: 4 });
  listener({ agent: 'ready', latency: 5 });
  listener({ agent: 'notReady', latency: 5 });
  assert.deepEqual(seen, ['ready', 'notReady']);
});

test('a listener that throws is reported, and the listeners after it still get the state', (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  t.after(() => mock.timers.reset());
  const failures: unknown[] = [];
  let version = 0;
  const publisher = new StatePublisher(
    () => ({ version }),
    {
      now: () => Date.now(),
      monotonic: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
    (error) => failures.push(error),
  );
  const heard: number[] = [];
  publisher.onState(() => {
    throw new Error('a window that is gone');
  });
  publisher.onState((s) => heard.push(s.version));
  version = 1;
  publisher.changed();
  mock.timers.tick(PUSH_INTERVAL_MS);
  version = 2;
  publisher.changed();
  mock.timers.tick(PUSH_INTERVAL_MS);
  assert.deepEqual(heard, [1, 2]);
  assert.equal(failures.length, 2);
  assert.match(String(failures[0]), /a window that is gone/);
});
