// The layout's rule, checked: ESLint refuses an electron import anywhere but the Electron shell,
// and Node modules in code that also runs in the browser; the state never reaches the IPC contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

const root = new URL('../../..', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const ELECTRON = "import { app } from 'electron';\nexport const x = app;\n";
const NODE_FS = "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n";

test('electron may be imported only under src-main/electron-main', async () => {
  assert.deepEqual(await restricted('src-main/electron-main/example.ts', ELECTRON), []);
  for (const file of [
    'src-main/common/example.ts',
    'src-main/node/session/example.ts',
    'src-renderer/example.ts',
    'test/node/example.ts',
  ]) {
    const messages = await restricted(file, ELECTRON);
    assert.equal(messages.length, 1, file);
    assert.match(messages[0]!, /Only src-main\/electron-main may import Electron/);
  }
});

test('a Svelte component is held to the renderer rules too', async () => {
  const component =
    "<script lang=\"ts\">\n  import { app } from 'electron';\n  import { readFileSync } from 'node:fs';\n  const x = [app, readFileSync];\n</script>\n<p>{x.length}</p>\n";
  assert.equal((await restricted('src-renderer/components/Example.svelte', component)).length, 2);
});

test('common and renderer code may not use Node modules; node code may', async () => {
  assert.equal((await restricted('src-main/common/example.ts', NODE_FS)).length, 1);
  assert.equal((await restricted('src-renderer/example.ts', NODE_FS)).length, 1);
  assert.deepEqual(await restricted('src-main/node/example.ts', NODE_FS), []);
});

test('common may not depend on node or electron-main code; the renderer sees only common', async () => {
  assert.equal(
    (await restricted('src-main/common/example.ts', "import { x } from '../node/session/link.ts';\nexport { x };\n"))
      .length,
    1,
  );
  assert.equal(
    (
      await restricted(
        'src-renderer/example.ts',
        "import { x } from '../src-main/node/session/link.ts';\nexport { x };\n",
      )
    ).length,
    1,
  );
  assert.deepEqual(
    await restricted('src-renderer/example.ts', "import { x } from '#common/ipc/contract.ts';\nexport { x };\n"),
    [],
  );
});

test('the renderer reaches common through the #common alias, not a path up the tree', async () => {
  for (const source of ['../src-main/common/ipc/contract.ts', '#common/../node/session/link.ts']) {
    const messages = await restricted(
      'src-renderer/components/example.ts',
      `import { x } from '${source}';\nexport { x };\n`,
    );
    assert.equal(messages.length, 1, source);
  }
});

test('the preload may import only electron and src-main/common/ipc', async () => {
  const preload = 'src-main/electron-preload/preload.ts';
  assert.deepEqual(
    await restricted(
      preload,
      "import { ipcRenderer } from 'electron';\nimport { buildCtiApi } from '../common/ipc/api-builder.ts';\nexport const x = [ipcRenderer, buildCtiApi];\n",
    ),
    [],
  );
  for (const source of [
    '../node/session/cti-session.ts',
    'node:fs',
    '../common/state/reducer.ts',
    '../common/ipc/../../node/session/link.ts',
    '../electron-main/window-policy.ts',
    'ws',
  ]) {
    const messages = await restricted(preload, `import { x } from '${source}';\nexport { x };\n`);
    assert.equal(messages.length, 1, source);
    assert.match(messages[0]!, /The preload may import only electron and src-main\/common\/ipc/);
  }
});

test('the renderer never imports node, electron-main or the preload; main-process code never imports the page', async () => {
  for (const source of [
    '../src-main/node/session/link.ts',
    '../src-main/electron-main/window-policy.ts',
    '../src-main/electron-preload/preload.ts',
  ]) {
    assert.equal(
      (await restricted('src-renderer/example.ts', `import { x } from '${source}';\nexport { x };\n`)).length,
      1,
    );
  }
  for (const file of [
    'src-main/node/app/example.ts',
    'src-main/common/example.ts',
    'src-main/electron-main/example.ts',
  ]) {
    for (const source of ['../../src-renderer/i18n.ts', '../electron-preload/preload.ts']) {
      const messages = await restricted(file, `import { x } from '${source}';\nexport { x };\n`);
      assert.equal(messages.length, 1, `${file} → ${source}`);
    }
  }
});

test('the rooms below the app core never import node/app, node/cli or node/preview; the app core may import them', async () => {
  for (const file of [
    'src-main/node/settings/example.ts',
    'src-main/node/files/example.ts',
    'src-main/node/session/example.ts',
    'src-main/node/windows/example.ts',
    'src-main/node/simulator/example.ts',
    'src-main/node/time/example.ts',
  ]) {
    for (const source of ['../app/ports.ts', '../app/calls/dialing.ts', '../cli/cti.ts', '../preview/cli.ts']) {
      const messages = await restricted(file, `import type { X } from '${source}';\nexport type { X };\n`);
      assert.equal(messages.length, 1, `${file} → ${source}`);
      assert.match(messages[0]!, /The rooms below the app core never import node\/app/);
    }
  }
  assert.deepEqual(
    await restricted(
      'src-main/node/app/settings/example.ts',
      "import type { X } from '../../settings/stores.ts';\nimport type { Y } from '../ports.ts';\nexport type { X, Y };\n",
    ),
    [],
  );
  assert.equal((await restricted('src-main/node/files/example.ts', "import 'electron';\n")).length, 1);
});

/** Every file the given ones import, followed through relative imports (type imports too), with the path that led there. */
function reachable(files: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>(files.map((file) => [file, [file]]));
  const queue = [...files];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), fileName);
      if (seen.has(target)) continue;
      seen.set(target, [...seen.get(file)!, target]);
      queue.push(target);
    }
  }
  return seen;
}

test('common/state never imports the IPC contract (the contract imports the state): lint refuses it, and the tree holds it', async () => {
  const messages = await restricted(
    'src-main/common/state/example.ts',
    "import type { CtiApi } from '../ipc/contract.ts';\nexport type X = CtiApi;\n",
  );
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /common\/state must not depend on the IPC contract/);
  assert.deepEqual(
    await restricted(
      'src-main/common/ipc/example.ts',
      "import type { AppState } from '../state/app-state.ts';\nexport type X = AppState;\n",
    ),
    [],
  );
  const stateDir = join(root, 'src-main/common/state');
  const stateFiles = readdirSync(stateDir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(stateDir, name));
  assert.ok(stateFiles.length > 10);
  const intoIpc = [...reachable(stateFiles).values()]
    .filter((trail) => trail.at(-1)!.startsWith(join(root, 'src-main/common/ipc/')))
    .map((trail) => trail.map((file) => relative(root, file)).join(' → '));
  assert.deepEqual(intoIpc, []);
});
