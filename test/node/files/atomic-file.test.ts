// The one helper that replaces a file (settings, history) on a real disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../src-main/node/files/atomic-file.ts';

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
  for (const [code, times, expectedCalls] of [['EBUSY', 99, 5], ['ENOSPC', 1, 1]] as const) {
    const dir = folder();
    const path = join(dir, 'f.json');
    writeFileSync(path, 'old');
    const rename = failing(code, times);
    assert.throws(() => writeFileAtomic(path, 'new', { rename: rename.rename, sleep: () => undefined }), new RegExp(code));
    assert.equal(rename.calls, expectedCalls, code);
    assert.equal(readFileSync(path, 'utf8'), 'old');
    assert.deepEqual(readdirSync(dir), ['f.json']);
  }
});
