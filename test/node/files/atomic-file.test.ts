// The one helper that replaces a file (settings, history) on a real disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { narrowToUser, writeFileAtomic } from '../../../src-main/node/files/atomic-file.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'cti-atomic-'));
const failing = (code: string, times: number) => {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    rename(from: string, to: string) {
      calls++;
      if (calls <= times) throw Object.assign(new Error(`${code}: operation not permitted, rename`), { code });
      renameSync(from, to);
    },
  };
};

test('replaces the file whole and leaves no temporary file; a new folder is created private', () => {
  const dir = join(folder(), 'a', 'b');
  const path = join(dir, 'f.json');
  writeFileAtomic(path, 'one');
  writeFileAtomic(path, 'two');
  assert.equal(readFileSync(path, 'utf8'), 'two');
  assert.deepEqual(readdirSync(dir), ['f.json']);
  if (process.platform !== 'win32') {
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  }
});

test("Windows' passing EPERM/EBUSY on rename (antivirus, indexer) is retried with growing waits", () => {
  const path = join(folder(), 'f.json');
  writeFileSync(path, 'old');
  const waits: number[] = [];
  const rename = failing('EPERM', 2);
  writeFileAtomic(path, 'new', { rename: rename.rename, sleep: (ms) => waits.push(ms) });
  assert.equal(readFileSync(path, 'utf8'), 'new');
  assert.equal(rename.calls, 3);
  assert.deepEqual(waits, [20, 40]);
});

test('a rename that keeps failing, or fails for another reason, throws and leaves the old file and no temporary file', () => {
  for (const [code, times, expectedCalls] of [
    ['EBUSY', 99, 5],
    ['ENOSPC', 1, 1],
  ] as const) {
    const dir = folder();
    const path = join(dir, 'f.json');
    writeFileSync(path, 'old');
    const rename = failing(code, times);
    assert.throws(
      () => writeFileAtomic(path, 'new', { rename: rename.rename, sleep: () => undefined }),
      new RegExp(code),
    );
    assert.equal(rename.calls, expectedCalls, code);
    assert.equal(readFileSync(path, 'utf8'), 'old');
    assert.deepEqual(readdirSync(dir), ['f.json']);
  }
});

test(
  'a world-readable file (an older version, a stale temporary file) comes out private; an existing folder is left as it is',
  { skip: process.platform === 'win32' ? 'POSIX file modes' : false },
  () => {
    const dir = folder();
    chmodSync(dir, 0o755);
    const path = join(dir, 'settings.json');
    writeFileSync(path, 'old', { mode: 0o644 });
    writeFileSync(`${path}.tmp-${process.pid}`, 'stale', { mode: 0o644 });
    chmodSync(`${path}.tmp-${process.pid}`, 0o644);
    writeFileAtomic(path, 'new');
    assert.equal(readFileSync(path, 'utf8'), 'new');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o755);
  },
);

test(
  'narrowToUser: an existing file becomes 0600; a missing one is no error',
  { skip: process.platform === 'win32' ? 'POSIX file modes' : false },
  () => {
    const path = join(folder(), 'main.log');
    narrowToUser(path);
    writeFileSync(path, 'x', { mode: 0o644 });
    chmodSync(path, 0o644);
    narrowToUser(path);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  },
);
