// `npm start` (after `npm run build`): the desktop app; when Electron's binary is missing it is
// fetched first, and when that fails the same toolbar opens in the browser preview instead
// (launch-choice.ts says why, in one line). Arguments go to whichever runs.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chooseLaunch, terminalLang } from './launch-choice.ts';
import { downloadElectron, downloadSkipped, electronExecutable, electronPackageDir } from './electron-binary.ts';
import { shouldOpen } from '../preview/open-browser.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const electronDir = electronPackageDir(root);

const choice = await chooseLaunch({
  findExecutable: () => (electronDir ? electronExecutable(electronDir) : undefined),
  download: () =>
    electronDir
      ? downloadElectron(electronDir)
      : Promise.resolve({ ok: false, reason: 'the electron package is not installed: run npm install' }),
  skipDownload: downloadSkipped(),
  lang: terminalLang(),
  announce: (line) => process.stdout.write(`${line}\n`),
});

if (choice.kind === 'electron') {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(choice.executable, ['.', ...process.argv.slice(2)], {
    cwd: root,
    env,
    stdio: 'inherit',
    windowsHide: false,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.once('error', (error) => {
    process.stderr.write(`${choice.executable}: ${error.message}\n`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  process.stderr.write(`${choice.message}\n`);
  // The preview opens its address in the default browser (not in CI, nor with --no-open or CTI_NO_OPEN=1).
  const argv = process.argv.filter((a) => a !== '--no-open');
  process.argv = shouldOpen(process.argv, process.env) ? [...argv, '--open'] : argv;
  await import('../preview/cli.ts');
}
