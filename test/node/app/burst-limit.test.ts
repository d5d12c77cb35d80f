// Bursts of notifications and screen pops, on fake time: the first never delayed, at most 5 in
// any 10 s, the rest summarised once when the burst is over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BurstLimit } from '../../../src-main/node/time/burst-limit.ts';
import { DesktopEffects } from '../../../src-main/node/app/notices/desktop-effects.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import type { Plain } from '../../../src-main/common/protocol/catalogue.ts';
import type { Clock } from '../../../src-main/node/time/clock.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

test('the limit: 5 at once go through, the 6th to 20th are counted; one summary when the window of the first closes', () => {
  const clock = new FakeClock();
  const summaries: number[] = [];
  const limit = new BurstLimit({ max: 5, windowMs: 10_000, clock, summarise: (n) => summaries.push(n) });
  const allowed = Array.from({ length: 20 }, () => limit.allow());
  assert.deepEqual(allowed, [...Array(5).fill(true), ...Array(15).fill(false)]);
  clock.advance(9_999);
  assert.deepEqual(summaries, []);
  clock.advance(1);
  assert.deepEqual(summaries, [15]);
  assert.equal(limit.allow(), true, 'a new window');
  clock.advance(60_000);
  assert.deepEqual(summaries, [15], 'nothing held back, nothing more said');
});

test('a sliding window: one every 2 s never waits; the 6th inside 10 s of the first does', () => {
  const clock = new FakeClock();
  const limit = new BurstLimit({ max: 5, windowMs: 10_000, clock, summarise: () => undefined });
  for (let i = 0; i < 30; i++) {
    assert.equal(limit.allow(), true, `call ${i} at ${i * 2} s`);
    clock.advance(2_000);
  }
  const burst = [limit.allow(), limit.allow(), limit.allow()];
  assert.deepEqual(burst, [true, false, false], 'the last 10 s already hold four: one free slot');
});

/** The desktop effects on `clock`, with the screen pops opened and the lines told. */
function desktopEffects(clock: Clock) {
  const opened: string[] = [];
  const platform = new PreviewPlatform({ onScreenPop: (url) => opened.push(url), language: 'en' });
  const told: Plain[] = [];
  const effects = new DesktopEffects({
    platform,
    settings: defaultSettings,
    clock,
    tell: (m) => told.push(m),
    log: () => undefined,
  });
  return { effects, platform, opened, told };
}

test("2,000 calls ringing at once: 5 notifications, 5 screen pops and the last caller's after the burst, and one line in the banner for each kind", () => {
  const clock = new FakeClock();
  const { effects, platform, opened, told } = desktopEffects(clock);
  for (let c1 = 1; c1 <= 2000; c1++) {
    effects.carryOut({ type: 'notify', c1, caller: `0101234${c1}` });
    effects.carryOut({ type: 'screen-pop', c1, url: `https://crm.example.com/?c1=${c1}` });
  }
  assert.equal(platform.effects.filter((e) => e.type === 'notify').length, 5);
  assert.equal(opened.length, 5);
  assert.deepEqual(opened[0], 'https://crm.example.com/?c1=1', 'the first is never delayed');
  clock.advance(10_000);
  assert.deepEqual(
    opened.slice(5),
    ['https://crm.example.com/?c1=2000'],
    "when the burst is over, the last caller's page (the one the agent needs), not the sixth's",
  );
  assert.deepEqual(
    told.map((m) => m.en),
    [
      '1995 more calls rang in a burst: their notifications were held back. See the call list and the history.',
      "1994 more screen pops were not opened in a burst of calls; the latest caller's page was opened.",
    ],
  );
  assert.ok(told[0]!.ko.includes('1995') && told[1]!.ko.includes('1994'));
  effects.stop();
});

test("the burst's timer firing a moment early (Node's timers do, by up to 2 ms against performance.now()): the last caller's page still opens", () => {
  const fake = new FakeClock();
  const clock: Clock = {
    now: () => fake.now(),
    monotonic: () => fake.monotonic(),
    setTimeout: (fn, ms) => fake.setTimeout(fn, ms - 2),
    clearTimeout: (handle) => fake.clearTimeout(handle),
  };
  const { effects, opened, told } = desktopEffects(clock);
  for (let c1 = 1; c1 <= 20; c1++)
    effects.carryOut({ type: 'screen-pop', c1, url: `https://crm.example.com/?c1=${c1}` });
  fake.advance(10_000);
  assert.deepEqual(
    opened.slice(5),
    ['https://crm.example.com/?c1=20'],
    "the last caller's page, when the burst is over",
  );
  assert.deepEqual(
    told.map((m) => m.en),
    ["14 more screen pops were not opened in a burst of calls; the latest caller's page was opened."],
  );
  effects.stop();
});
