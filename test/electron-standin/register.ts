// The preload of a process that runs the Electron shell against the stand-in:
//   node --expose-gc --import ./test/electron-standin/register.ts run-main.ts
// Options come as JSON in STANDIN_OPTIONS. It gives the process what Electron's main process has
// (the simulated OS as process.platform, process.type, versions.electron, defaultApp,
// resourcesPath), answers `import 'electron'` and `require('electron')` with the stand-in, counts
// file writes by name (to see how often the shell writes to disk), and takes the test's orders
// over the IPC channel (control.ts).
import Module, { register, syncBuiltinESMExports } from 'node:module';
import fs from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installStandin, type StandinOptions } from './electron.ts';
import { fileWrites, listen } from './control.ts';

const options = JSON.parse(process.env.STANDIN_OPTIONS ?? '{}') as StandinOptions;
const electronVersion = (
  JSON.parse(
    fs.readFileSync(fileURLToPath(new URL('../../node_modules/electron/package.json', import.meta.url)), 'utf8'),
  ) as { version: string }
).version;

Object.defineProperty(process, 'platform', { value: options.platform, enumerable: true, configurable: true });
Object.defineProperty(process, 'type', { value: 'browser', enumerable: true, configurable: true });
Object.defineProperty(process, 'versions', {
  value: { ...process.versions, electron: electronVersion },
  enumerable: true,
  configurable: true,
});
Object.defineProperty(process, 'execPath', {
  value: options.execPath,
  enumerable: true,
  configurable: true,
  writable: true,
});
Object.defineProperty(process, 'resourcesPath', {
  value: options.resourcesPath ?? `${options.appPath}/resources`,
  enumerable: true,
  configurable: true,
});
if (!options.packaged)
  Object.defineProperty(process, 'defaultApp', { value: true, enumerable: true, configurable: true });

// Windows' kernel link to the Windows folder (policy-place.ts) is, on the simulated Windows, the
// home's Windows folder (harness.ts: simulatedWindowsFolder).
if (options.platform === 'win32') {
  const native = fs.realpathSync.native;
  fs.realpathSync.native = ((path: fs.PathLike, ...rest: unknown[]) =>
    String(path) === '\\\\?\\GLOBALROOT\\SystemRoot'
      ? join(options.home, 'Windows')
      : (native as (...args: unknown[]) => unknown)(path, ...rest)) as typeof fs.realpathSync.native;
}

const standin = installStandin({ ...options, env: process.env });
(globalThis as Record<symbol, unknown>)[Symbol.for('nexus.electron-standin')] = standin.module();

register('./hooks.mjs', import.meta.url);
const shim = fileURLToPath(new URL('./electron.cjs', import.meta.url));
const cjs = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = cjs._resolveFilename;
cjs._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'electron' ? shim : resolveFilename.call(this, request, ...rest);
};

// Writes by file name: a write to the file itself or a rename onto it (atomic writes).
const count = (path: unknown) => {
  const name = basename(String(path));
  fileWrites.set(name, (fileWrites.get(name) ?? 0) + 1);
};
const { writeFileSync, renameSync } = fs;
fs.writeFileSync = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
  if (typeof file !== 'number') count(file);
  return (writeFileSync as (...args: unknown[]) => void)(file, ...rest);
}) as typeof fs.writeFileSync;
fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
  count(to);
  return renameSync(from, to);
}) as typeof fs.renameSync;
syncBuiltinESMExports();

// Electron's main process goes on after an error nobody handled (it reports it): so does this one.
process.on('uncaughtException', (error) => void standin.mainErrors.push(`uncaught: ${String(error?.stack ?? error)}`));
process.on(
  'unhandledRejection',
  (reason) => void standin.mainErrors.push(`unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`),
);

listen(standin);
