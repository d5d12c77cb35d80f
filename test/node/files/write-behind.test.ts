// The files the core rewrites on events, written behind: at most once a second per file, the
// newest content winning, asynchronously, and all of it on disk after a flush. Real files; the
// clock is a fake one (time moves when the test says), the file operations are counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WriteBehind } from '../../../src-main/node/files/write-behind.ts';
import type { AsyncFileOps } from '../../../src-main/node/files/atomic-file.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

/** The real file operations, each rename (one per atomic write) noted with the fake clock's time. */
function countedFs(clock: FakeClock, failRenames = 0) {
  const renames: { path: string; at: number }[] = [];
  let failures = failRenames;
  const fs: AsyncFileOps = {
    mkdir: fsp.mkdir,
    rm: fsp.rm,
    open: fsp.open,
    rename: async (from, to) => {
      if (failures-- > 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      await fsp.rename(from, to);
      renames.push({ path: to, at: clock.monotonic() });
    },
  };
  return { fs, renames };
}

const folder = () => mkdtempSync(join(tmpdir(), 'cti-write-behind-'));

test('a flood of 20,000 agent events over 10 s: at most one write per file per second, the last state on disk, private', async () => {
  const clock = new FakeClock();
  const { fs, renames } = countedFs(clock);
  const files = new WriteBehind({ clock, fs });
  const settle = () => files.idle();
  const dir = folder();
  const history = join(dir, 'history.json');
  const agent = join(dir, 'agent-state.json');
  for (let i = 0; i < 20_000; i++) {
    files.write(history, () => JSON.stringify({ events: i }));
    files.write(agent, () => JSON.stringify({ state: i % 2 ? 'ready' : 'notReady', event: i }));
    clock.advance(0.5);
    if (i % 100 === 99) await settle();
  }
  await settle();
  for (const path of [history, agent]) {
    const times = renames.filter((r) => r.path === path).map((r) => r.at);
    assert.ok(times.length >= 5 && times.length <= 11, `${path}: ${times.length} writes in 10 s`);
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 1000, `${path}: ${times.join(', ')}`);
  }
  await files.flush();
  assert.deepEqual(JSON.parse(readFileSync(history, 'utf8')), { events: 19_999 });
  assert.deepEqual(JSON.parse(readFileSync(agent, 'utf8')), { state: 'ready', event: 19_999 });
  assert.deepEqual(readdirSync(dir).sort(), ['agent-state.json', 'history.json'], 'no temporary file left');
  if (process.platform !== 'win32') {
    assert.equal(statSync(history).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  }
});

test('a first change is written at once; flush writes what waits without waiting out the second', async () => {
  const clock = new FakeClock();
  const { fs, renames } = countedFs(clock);
  const files = new WriteBehind({ clock, fs });
  const settle = () => files.idle();
  const path = join(folder(), 'history.json');
  files.write(path, () => 'one');
  clock.advance(0);
  await settle();
  assert.equal(readFileSync(path, 'utf8'), 'one');
  files.write(path, () => 'two');
  clock.advance(10);
  await settle();
  assert.equal(readFileSync(path, 'utf8'), 'one', 'held for the rest of the second');
  await files.flush();
  assert.equal(readFileSync(path, 'utf8'), 'two');
  assert.equal(renames.length, 2);
  await files.flush();
  assert.equal(renames.length, 2, 'nothing waits: nothing written');
});

test('content is rendered when written: a burst serialises once', async () => {
  const clock = new FakeClock();
  const { fs } = countedFs(clock);
  const files = new WriteBehind({ clock, fs });
  const path = join(folder(), 'history.json');
  let renders = 0;
  for (let i = 0; i < 1000; i++)
    files.write(path, () => {
      renders++;
      return String(i);
    });
  await files.flush();
  assert.equal(renders, 1);
  assert.equal(readFileSync(path, 'utf8'), '999');
});

test('a write that fails is logged once and tried again a second later, never thrown into the event', async () => {
  const clock = new FakeClock();
  const { fs } = countedFs(clock, 3);
  const logs: string[] = [];
  const files = new WriteBehind({ clock, fs, log: (level, message) => logs.push(`${level} ${message}`) });
  const settle = () => files.idle();
  const path = join(folder(), 'agent-state.json');
  files.write(path, () => 'kept');
  for (let s = 0; s < 4; s++) {
    clock.advance(1000);
    await settle();
  }
  assert.equal(readFileSync(path, 'utf8'), 'kept');
  assert.equal(logs.filter((l) => l.startsWith('warn') && l.includes('ENOSPC')).length, 1, logs.join('\n'));
  assert.ok(logs.some((l) => l.startsWith('info') && l.includes('written again')));
});
