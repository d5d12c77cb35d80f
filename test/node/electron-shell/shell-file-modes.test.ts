// The built main on the strict stand-in, started on a home an earlier version left readable by
// others (files 0644, folders 0755): at start every file and folder of the app's own becomes the
// user's alone (0600 / 0700), and the window's place is written 0600 from the first time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchShell, toolbarOf } from '../../electron-standin/harness.ts';

const posix = process.platform === 'win32' ? 'POSIX file modes' : false;
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every file and folder under `dir` (itself included) that others may read, enter or write. */
function wideUnder(dir: string): string[] {
  const wide = modeOf(dir) & 0o077 ? [dir] : [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isSymbolicLink() && modeOf(path) & 0o077) wide.push(path);
  }
  return wide;
}

function earlierVersionHome(): { home: string; userData: string; logs: string } {
  const home = mkdtempSync(join(tmpdir(), 'standin-linux-'));
  const userData = join(home, 'userData');
  const logs = join(home, 'logs');
  for (const dir of [userData, join(userData, 'Local Storage'), logs]) {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
  }
  const files: [string, string][] = [
    [join(userData, 'window-state.json'), '{"byDisplay":{}}'],
    [join(userData, 'history.json'), '{"records":[],"seenAt":0}'],
    [join(userData, 'agent-state.json'), '{}'],
    [join(userData, 'Local Storage', 'leveldb.log'), ''],
    [join(logs, 'main.log'), 'an earlier line\n'],
  ];
  for (const [path, text] of files) {
    writeFileSync(path, text);
    chmodSync(path, 0o644);
  }
  return { home, userData, logs };
}

test(
  "linux: what an earlier version left 0644/0755 in the app's folders is the user's alone after a start",
  { skip: posix },
  async (t) => {
    const { home, userData, logs } = earlierVersionHome();
    const shell = await launchShell({ platform: 'linux', home });
    t.after(() => shell.stop());
    await shell.until('the toolbar', (s) => toolbarOf(s)?.visible);
    // The walk runs beside the start: waited for, up to 15 s.
    const wide = () => [...wideUnder(userData), ...wideUnder(logs)];
    for (const deadline = Date.now() + 15_000; wide().length > 0 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(wide(), []);
    assert.equal(modeOf(join(userData, 'settings.json')), 0o600);
    assert.equal(modeOf(join(userData, 'window-state.json')), 0o600);
    assert.deepEqual(await shell.refusals(), []);
  },
);

test("linux: a first start writes the window's place 0600", { skip: posix }, async (t) => {
  const shell = await launchShell({ platform: 'linux' });
  t.after(() => shell.stop());
  const toolbar = await shell.until('the toolbar', (s) => toolbarOf(s)?.visible && toolbarOf(s));
  const file = join(shell.userData, 'window-state.json');
  await shell.op('close', toolbar.id);
  for (const deadline = Date.now() + 15_000; !existsSync(file) && Date.now() < deadline;)
    await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(modeOf(file), 0o600);
});
