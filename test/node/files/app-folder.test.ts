// The app's folder as an earlier version left it (files 0644, folders 0755, on a real disk):
// narrowed to the user at start, by the shell's walk and by the core's start; links left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { narrowAppFolders } from '../../../src-main/node/files/app-folder.ts';
import { rig } from '../app/app-rig.ts';

const posix = { skip: process.platform === 'win32' ? 'POSIX file modes (Windows: the profile ACL)' : false };
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Writes `path` as an earlier version did: readable by everyone. */
function wide(path: string, mode = 0o644, text = '{}'): string {
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

test(
  "every file and folder under the app folder becomes the user's alone; a link and what it points to are left as they are",
  posix,
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cti-app-folder-'));
    chmodSync(dir, 0o755);
    const logs = join(dir, 'logs');
    mkdirSync(logs, { mode: 0o755 });
    chmodSync(logs, 0o755);
    const files = [
      wide(join(dir, 'settings.json')),
      wide(join(dir, 'window-state.json')),
      wide(join(dir, 'history.json'), 0o664, '{"records":[],"seenAt":0}'),
      wide(join(dir, 'agent-state.json')),
      wide(join(logs, 'main.log')),
    ];
    const outside = wide(join(mkdtempSync(join(tmpdir(), 'cti-elsewhere-')), 'not-ours.txt'));
    symlinkSync(outside, join(dir, 'link-to-elsewhere'));
    const result = await narrowAppFolders([dir, logs]);
    assert.equal(modeOf(dir), 0o700);
    assert.equal(modeOf(logs), 0o700);
    for (const file of files) assert.equal(modeOf(file), 0o600, file);
    assert.equal(modeOf(outside), 0o644, 'a link is not followed');
    assert.equal(result.narrowed.length, 7);
    assert.deepEqual(result.failed, []);
    assert.deepEqual((await narrowAppFolders([dir])).narrowed, [], 'already private: nothing to do');
  },
);

test("Windows: nothing is changed (modes mean little there; the profile's ACL keeps others out)", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cti-app-folder-'));
  const file = wide(join(dir, 'settings.json'));
  const before = modeOf(file);
  assert.deepEqual(await narrowAppFolders([dir], 'win32'), { narrowed: [], failed: [] });
  assert.equal(modeOf(file), before);
});

test(
  "the core's start narrows its settings, history and agent-state files left 0644 by an earlier version",
  posix,
  async () => {
    const { app, store } = rig({}, null);
    const dir = join(store.path, '..');
    const files = [
      store.path,
      wide(join(dir, 'history.json'), 0o644, '{"records":[],"seenAt":0}'),
      wide(join(dir, 'agent-state.json')),
    ];
    chmodSync(store.path, 0o644);
    try {
      await app.start();
      for (const file of files) assert.equal(modeOf(file), 0o600, file);
    } finally {
      await app.stop();
    }
  },
);
