// When an update is checked for, downloaded and installed: never mid-call, never while ringing or
// Ready; at logoff, at quit, or after a quiet minute in Not ready / After work. Older versions refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptsVersion,
  compareVersions,
  decide,
  retryDelay,
  UpdateScheduler,
  type AgentSituation,
  type UpdateFacts,
  type UpdateTiming,
} from '../../../src-main/node/app/updates/update-timing.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const timing: UpdateTiming = { checkEveryMs: 4 * HOUR, quietMs: MIN, retryBaseMs: MIN, retryCapMs: 30 * MIN };
const idle: AgentSituation = { connected: true, agent: 'notReady', calls: 0, ringing: false, quitting: false };
const downloaded = (situation: Partial<AgentSituation>, quietSince?: number): UpdateFacts => ({
  running: '1.0.0',
  enabled: true,
  lastCheckAt: 0,
  downloaded: '1.1.0',
  failures: 0,
  situation: { ...idle, ...situation },
  ...(quietSince !== undefined ? { quietSince } : {}),
});

test('a downloaded update is installed only when the agent is free: a table of states', () => {
  const now = 10 * MIN;
  const rows: [string, UpdateFacts, string][] = [
    ['on a call in Not ready', downloaded({ calls: 1 }), 'wait'],
    ['on a call while quitting', downloaded({ calls: 1, quitting: true }), 'wait'],
    ['ringing while logged off', downloaded({ agent: 'loggedOff', ringing: true }), 'wait'],
    ['on hold (a held call is a call) in After work', downloaded({ agent: 'afterWork', calls: 1 }), 'wait'],
    ['Ready with no call', downloaded({ agent: 'ready' }), 'wait'],
    ['logged on, no state yet', downloaded({ agent: 'loggedOn' }), 'wait'],
    ['Not ready for 30 s', downloaded({}, now - 30_000), 'wait'],
    ['Not ready for a minute', downloaded({}, now - MIN), 'install:quiet'],
    ['After work for two minutes', downloaded({ agent: 'afterWork' }, now - 2 * MIN), 'install:quiet'],
    ['work not ready for a minute', downloaded({ agent: 'workNotReady' }, now - MIN), 'install:quiet'],
    ['logged off', downloaded({ agent: 'loggedOff' }), 'install:logged-off'],
    ['quitting while Ready', downloaded({ agent: 'ready', quitting: true }), 'install:quit'],
    // Before the first server state, or with the link down, the state reads as logged off with no calls.
    ['not connected (reads as logged off)', downloaded({ connected: false, agent: 'loggedOff' }), 'wait'],
    ['not connected, Not ready for a minute', downloaded({ connected: false }, now - MIN), 'wait'],
    ['not connected, quitting', downloaded({ connected: false, agent: 'loggedOff', quitting: true }), 'install:quit'],
  ];
  for (const [name, facts, expected] of rows) {
    const d = decide(facts, now, timing);
    assert.equal(d.do === 'install' ? `install:${d.why}` : d.do, expected, name);
  }
  const half = decide(downloaded({}, now - 30_000), now, timing);
  assert.deepEqual(half, { do: 'wait', until: now + 30_000, why: 'waiting for a quiet minute' });
});

test('checks at start and every N hours; a found version is downloaded; updates off does nothing', () => {
  const base: UpdateFacts = { running: '1.0.0', enabled: true, failures: 0, situation: idle };
  const rows: [string, UpdateFacts, number, unknown][] = [
    ['at start', base, 0, { do: 'check' }],
    ['an hour after a check', { ...base, lastCheckAt: 0 }, HOUR, { do: 'wait', until: 4 * HOUR, why: 'next check' }],
    ['four hours after', { ...base, lastCheckAt: 0 }, 4 * HOUR, { do: 'check' }],
    ['a newer version offered', { ...base, lastCheckAt: 0, offered: '1.0.1' }, 1, { do: 'download', version: '1.0.1' }],
    [
      'the same version offered',
      { ...base, lastCheckAt: 0, offered: '1.0.0' },
      1,
      { do: 'wait', until: 4 * HOUR, why: 'next check' },
    ],
    [
      'an older version offered',
      { ...base, lastCheckAt: 0, offered: '0.9.9' },
      1,
      { do: 'wait', until: 4 * HOUR, why: 'next check' },
    ],
    ['updates off by policy', { ...base, enabled: false }, 0, { do: 'wait', why: 'updates off' }],
    [
      '2 failed downloads: 2 minutes',
      { ...base, lastCheckAt: 0, offered: '1.0.1', failures: 2, lastFailureAt: MIN },
      2 * MIN,
      { do: 'wait', until: 3 * MIN, why: 'retry after 2 failed attempt(s)' },
    ],
    [
      'a retry falls due: the feed is asked again first',
      { ...base, lastCheckAt: 0, offered: '1.0.1', failures: 2, lastFailureAt: MIN },
      3 * MIN,
      { do: 'check' },
    ],
    [
      'a retry, checked since the failure',
      { ...base, lastCheckAt: 3 * MIN, offered: '1.0.1', failures: 2, lastFailureAt: MIN },
      3 * MIN,
      { do: 'download', version: '1.0.1' },
    ],
  ];
  for (const [name, facts, now, expected] of rows) assert.deepEqual(decide(facts, now, timing), expected, name);
});

test('versions: only a newer one is taken; a pre-release is older than its release', () => {
  const rows: [string, string, boolean][] = [
    ['1.0.0', '1.0.1', true],
    ['1.0.0', '1.10.0', true],
    ['1.9.0', '1.10.0', true],
    ['1.0.0', '1.0.0', false],
    ['1.2.0', '1.1.9', false],
    ['1.0.0-beta.2', '1.0.0', true],
    ['1.0.0', '1.0.0-beta.9', false],
    ['1.0.0-beta.2', '1.0.0-beta.10', true],
    ['2.0.0', 'v2.0.1', true],
  ];
  for (const [running, offered, accepted] of rows)
    assert.equal(acceptsVersion(running, offered), accepted, `${running} -> ${offered}`);
  assert.equal(compareVersions('1.0.0', '1.0.0'), 0);
});

test('retries back off by doubling up to the cap', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n, timing) / MIN),
    [1, 2, 4, 8, 16, 30, 30],
  );
});

function scheduler(feed: {
  version: string | undefined;
  available?: boolean;
  checkFails?: boolean;
  downloads: (() => Promise<void>)[];
  install?: () => void;
}) {
  const clock = new FakeClock();
  const log: string[] = [];
  const installed: string[] = [];
  const checks: number[] = [];
  const s = new UpdateScheduler(
    {
      check: async () => {
        if (feed.checkFails) throw new Error('ENOTFOUND');
        checks.push(clock.monotonic());
        return feed.version === undefined
          ? undefined
          : { version: feed.version, available: feed.available ?? feed.version > '1.0.0' };
      },
      download: () => (feed.downloads.shift() ?? (() => Promise.resolve()))(),
      install: (version) => {
        feed.install?.();
        installed.push(version);
      },
      log: (level, message) => log.push(`${level} ${message}`),
    },
    clock,
    {
      running: '1.0.0',
      enabled: true,
      situation: { connected: true, agent: 'ready', calls: 0, ringing: false, quitting: false },
      timing,
    },
  );
  return { clock, s, log, installed, checks };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a shift: found at start, download fails twice and is retried, waits out the call, installs after a quiet minute', async () => {
  const fail = () => Promise.reject(new Error('ECONNRESET'));
  const { clock, s, log, installed, checks } = scheduler({ version: '1.1.0', downloads: [fail, fail] });
  s.situation({ connected: true, agent: 'ready', calls: 1, ringing: false, quitting: false });
  s.start();
  await settle();
  assert.deepEqual(checks, [0], 'checked at start');
  assert.equal(s.state.failures, 1);
  clock.advance(MIN);
  await settle();
  await settle();
  assert.equal(s.state.failures, 2, 'retried after a minute, failed again');
  clock.advance(MIN);
  await settle();
  assert.equal(s.state.failures, 2, 'the next retry waits two minutes');
  clock.advance(MIN);
  await settle();
  await settle();
  assert.equal(s.state.downloaded, '1.1.0');
  assert.deepEqual(checks, [0, MIN, 3 * MIN], 'the feed asked again before each retry');
  assert.equal(log.filter((l) => /download failed/.test(l)).length, 2, 'each failure logged');

  s.situation({ connected: true, agent: 'afterWork', calls: 1, ringing: false, quitting: false });
  clock.advance(10 * MIN);
  assert.deepEqual(installed, [], 'never mid-call, even in After work');
  s.situation({ connected: true, agent: 'afterWork', calls: 0, ringing: false, quitting: false });
  clock.advance(30_000);
  s.situation({ connected: true, agent: 'afterWork', calls: 0, ringing: true, quitting: false });
  s.situation({ connected: true, agent: 'afterWork', calls: 0, ringing: false, quitting: false });
  clock.advance(45_000);
  assert.deepEqual(installed, [], 'a ring broke the quiet minute: it starts again');
  clock.advance(15_000);
  assert.deepEqual(installed, ['1.1.0']);
});

test('nothing newer: checked again every N hours, and an older version is refused and logged', async () => {
  const { clock, s, log, installed, checks } = scheduler({ version: '0.9.0', downloads: [] });
  s.start();
  await settle();
  clock.advance(4 * HOUR);
  await settle();
  clock.advance(4 * HOUR);
  await settle();
  assert.deepEqual(checks, [0, 4 * HOUR, 8 * HOUR]);
  assert.ok(log.some((l) => /update 0\.9\.0 refused: not newer than 1\.0\.0/.test(l)));
  s.situation({ connected: true, agent: 'loggedOff', calls: 0, ringing: false, quitting: true });
  assert.deepEqual(installed, []);
  s.stop();
});

test('downloaded while Ready: installed at logoff or at quit, not before', async () => {
  const { s, installed } = scheduler({ version: '1.2.0', downloads: [] });
  s.start();
  await settle();
  await settle();
  assert.equal(s.state.downloaded, '1.2.0');
  assert.deepEqual(installed, [], 'Ready: waits');
  s.situation({ connected: true, agent: 'ready', calls: 0, ringing: false, quitting: true });
  assert.deepEqual(installed, ['1.2.0'], 'at quit');
});

test('a release pulled after a failed download is dropped at the retry, not fetched again', async () => {
  const feed = {
    version: '1.1.0' as string | undefined,
    available: true,
    downloads: [() => Promise.reject(new Error('ECONNRESET'))],
  };
  const { clock, s, log, checks } = scheduler(feed);
  s.start();
  await settle();
  assert.equal(s.state.failures, 1);
  feed.version = '1.0.0'; // the feed rolled back to the running version
  clock.advance(MIN);
  await settle();
  await settle();
  assert.deepEqual(checks, [0, MIN]);
  assert.equal(s.state.offered, undefined, 'nothing left to fetch');
  assert.equal(s.state.downloaded, undefined);
  assert.equal(s.state.failures, 0);
  clock.advance(10 * MIN);
  await settle();
  assert.deepEqual(checks, [0, MIN], 'no retry loop: the next check is the regular one');
  assert.ok(!log.some((l) => /refused/.test(l)), 'the same version is not a refusal');
});

test('a newer version the updater does not offer here (staged rollout, OS too old) is not downloaded', async () => {
  let downloads = 0;
  const { clock, s, log, checks } = scheduler({
    version: '1.1.0',
    available: false,
    downloads: [() => Promise.resolve(void downloads++)],
  });
  s.start();
  await settle();
  await settle();
  assert.equal(downloads, 0);
  assert.equal(s.state.offered, undefined);
  assert.ok(
    log.some((l) => /update 1\.1\.0 not offered to this computer/.test(l)),
    log.join('\n'),
  );
  clock.advance(4 * HOUR);
  await settle();
  assert.deepEqual(checks, [0, 4 * HOUR], 'asked again at the next regular check');
});

test('a failed check before a retry backs off like a failed download; a second retry follows', async () => {
  const fail = () => Promise.reject(new Error('ECONNRESET'));
  const feed = { version: '1.1.0', checkFails: false, downloads: [fail] };
  const { clock, s, checks } = scheduler(feed);
  s.start();
  await settle();
  assert.equal(s.state.failures, 1);
  feed.checkFails = true;
  clock.advance(MIN);
  await settle();
  assert.equal(s.state.failures, 2, 'the failed check counts');
  assert.equal(s.state.offered, '1.1.0', 'still wanted');
  feed.checkFails = false;
  clock.advance(2 * MIN);
  await settle();
  await settle();
  assert.equal(s.state.downloaded, '1.1.0', 'the second retry checked and fetched it');
  assert.deepEqual(checks, [0, 3 * MIN]);
});

test('an installer that does not start leaves the app updating: fetched again after the backoff', async () => {
  let starts = 0;
  const { clock, s, log, installed } = scheduler({
    version: '1.2.0',
    downloads: [],
    install: () => {
      if (starts++ === 0) throw new Error('No update filepath provided');
    },
  });
  s.start();
  await settle();
  await settle();
  s.situation({ connected: true, agent: 'loggedOff', calls: 0, ringing: false, quitting: false });
  assert.deepEqual(installed, []);
  assert.ok(
    log.some((l) => /update 1\.2\.0 could not be installed \(1 in a row/.test(l)),
    log.join('\n'),
  );
  clock.advance(MIN);
  await settle();
  await settle();
  await settle();
  assert.deepEqual(installed, ['1.2.0'], 'checked, fetched and installed again');
});

test('a downloaded update says in the log why it waits, once per reason', async () => {
  const { s, log } = scheduler({ version: '1.2.0', downloads: [] });
  s.start();
  await settle();
  await settle();
  s.situation({ connected: true, agent: 'ready', calls: 1, ringing: false, quitting: false });
  s.situation({ connected: true, agent: 'ready', calls: 1, ringing: false, quitting: false });
  s.situation({ connected: false, agent: 'loggedOff', calls: 0, ringing: false, quitting: false });
  assert.deepEqual(
    log.filter((l) => /waits/.test(l)),
    [
      'info update 1.2.0 waits: ready for calls',
      'info update 1.2.0 waits: on a call',
      "info update 1.2.0 waits: not connected: the agent's calls are not known",
    ],
  );
});
